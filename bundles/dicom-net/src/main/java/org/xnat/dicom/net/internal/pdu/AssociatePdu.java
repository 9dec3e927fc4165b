package org.xnat.dicom.net.internal.pdu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.UserIdentity;

/** Decoded content of an A-ASSOCIATE-RQ or A-ASSOCIATE-AC PDU (PS3.8 9.3.2, 9.3.3). */
public final class AssociatePdu {
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public int protocolVersion = 1;
    public String calledAeTitle = "";
    public String callingAeTitle = "";
    public String applicationContext = DICOM_APPLICATION_CONTEXT;
    public final List<PresentationContext> presentationContexts = new ArrayList<>();
    /** Maximum length of the variable field of a P-DATA-TF the sender can receive; 0 = unlimited. */
    public long maxPduLength;
    public String implementationClassUid;
    public String implementationVersionName;
    /** Present when both are non-null. */
    public Integer maxOperationsInvoked;
    public Integer maxOperationsPerformed;
    public final List<RoleSelection> roleSelections = new ArrayList<>();
    /** SOP class extended negotiation (sub-item 56H): SOP class UID to application information. */
    public final Map<String, byte[]> extendedNegotiation = new LinkedHashMap<>();
    /** Raw SOP class common extended negotiation sub-items (57H), kept for diagnostics only. */
    public final List<byte[]> commonExtendedNegotiation = new ArrayList<>();
    /** A-ASSOCIATE-RQ only. */
    public UserIdentity userIdentity;
    /** A-ASSOCIATE-AC only: server response of the user identity negotiation (sub-item 59H). */
    public byte[] userIdentityServerResponse;

    public PresentationContext presentationContext(int id) {
        for (PresentationContext pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }

    public RoleSelection roleSelection(String sopClassUid) {
        for (RoleSelection rs : roleSelections) {
            if (rs.sopClassUid().equals(sopClassUid)) {
                return rs;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("calling=").append(callingAeTitle).append(" called=").append(calledAeTitle)
                .append(" maxPdu=").append(maxPduLength).append(" impl=").append(implementationClassUid)
                .append('/').append(implementationVersionName);
        if (maxOperationsInvoked != null) {
            sb.append(" async=").append(maxOperationsInvoked).append('/').append(maxOperationsPerformed);
        }
        if (userIdentity != null) {
            sb.append(' ').append(userIdentity);
        }
        for (PresentationContext pc : presentationContexts) {
            sb.append("\n  ").append(pc);
        }
        for (RoleSelection rs : roleSelections) {
            sb.append("\n  ").append(rs);
        }
        return sb.toString();
    }
}

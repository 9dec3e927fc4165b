package org.xnat.dicom.net;

import java.util.Objects;

/**
 * SCP/SCU role selection sub-item (PS3.7 D.3.3.4) for one SOP class: in a request, the roles the
 * requestor proposes to play; in an answer, the roles the acceptor agrees to.
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {
    public RoleSelection {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
    }
}

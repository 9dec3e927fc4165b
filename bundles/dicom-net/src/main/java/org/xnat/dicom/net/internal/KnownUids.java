package org.xnat.dicom.net.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xnat.dicom.dict.StorageSopClasses;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;

/**
 * Defaults drawn from dicom-core's registry: every storage SOP class, and every known transfer
 * syntax in the order an SCP prefers them.
 */
public final class KnownUids {
    public static final String VERIFICATION = UID.Verification;
    public static final List<String> FIND_MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelFind,
            UID.StudyRootQueryRetrieveInformationModelFind);
    public static final List<String> MOVE_MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelMove, UID.CompositeInstanceRootRetrieveMove);
    public static final List<String> GET_MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelGet, UID.CompositeInstanceRootRetrieveGet);

    private static final Set<String> STORAGE = storageSopClasses0();
    private static final List<String> TRANSFER_SYNTAXES = transferSyntaxes0();

    private KnownUids() {
    }

    public static Set<String> storageSopClasses() {
        return STORAGE;
    }

    /** Explicit LE, Implicit LE, Deflated, Explicit BE, then all others of the standard. */
    public static List<String> transferSyntaxesInPreferenceOrder() {
        return TRANSFER_SYNTAXES;
    }

    public static boolean isEncapsulated(String tsUid) {
        return TransferSyntax.forUid(tsUid).isEncapsulated();
    }

    public static boolean isUncompressed(String tsUid) {
        return TransferSyntax.forUid(tsUid).isUncompressed();
    }

    private static Set<String> storageSopClasses0() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(StorageSopClasses.all()));
    }

    private static List<String> transferSyntaxes0() {
        List<String> l = new ArrayList<>(List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
                UID.DeflatedExplicitVRLittleEndian, UID.ExplicitVRBigEndian));
        for (TransferSyntax ts : TransferSyntax.all()) {
            if (!l.contains(ts.uid())) {
                l.add(ts.uid());
            }
        }
        return List.copyOf(l);
    }
}

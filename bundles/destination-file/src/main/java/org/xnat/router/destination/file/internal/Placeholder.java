package org.xnat.router.destination.file.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.router.api.destination.Delivery;

/**
 * The placeholders a {@code directory_pattern} may use. Study-level values come from the first instance
 * of a delivery, so that one delivery always lands in one study directory.
 */
enum Placeholder {
    PatientID,
    PatientName,
    StudyInstanceUID,
    StudyDate,
    StudyTime,
    Modality,
    AccessionNumber,
    StudyDescription,
    CallingAE;

    static Optional<Placeholder> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }

    static String known() {
        return Arrays.stream(values()).map(p -> "{" + p.name() + "}").collect(Collectors.joining(" "));
    }

    /** The raw (not yet path-safe) value, or {@code null} when the data does not say. */
    String rawValue(Attributes header, Delivery delivery) {
        return switch (this) {
            case PatientID -> header.getString(Tag.PatientID);
            case PatientName -> patientName(header.getString(Tag.PatientName));
            case StudyInstanceUID -> firstNonBlank(delivery.studyInstanceUid(), header.getString(Tag.StudyInstanceUID));
            case StudyDate -> header.getString(Tag.StudyDate);
            case StudyTime -> header.getString(Tag.StudyTime);
            case Modality -> header.getString(Tag.Modality);
            case AccessionNumber -> header.getString(Tag.AccessionNumber);
            case StudyDescription -> header.getString(Tag.StudyDescription);
            case CallingAE -> delivery.callingAeTitle();
        };
    }

    /**
     * The alphabetic component group (PS3.5 6.2.1) with the component separators {@code ^} turned into
     * {@code _} and empty trailing components dropped: {@code Doe^John^^^=...} becomes {@code Doe_John}.
     */
    static String patientName(String pn) {
        if (pn == null) {
            return null;
        }
        int eq = pn.indexOf('=');
        String alphabetic = eq >= 0 ? pn.substring(0, eq) : pn;
        int end = alphabetic.length();
        while (end > 0 && (alphabetic.charAt(end - 1) == '^' || alphabetic.charAt(end - 1) == ' ')) {
            end--;
        }
        return alphabetic.substring(0, end).replace('^', '_');
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}

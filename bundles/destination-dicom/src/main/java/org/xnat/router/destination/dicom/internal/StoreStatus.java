package org.xnat.router.destination.dicom.internal;

import org.xnat.dicom.net.DimseStatus;

/**
 * What a C-STORE response status means for the router (PS3.4 Table B.2-1, PS3.7 Annex C): accepted or not,
 * and whether sending the instance again later can help.
 */
final class StoreStatus {

    private StoreStatus() {
    }

    /** Success and every warning (B000 coercion, B007 data set mismatch, B006 elements discarded...). */
    static boolean accepted(int status) {
        DimseStatus.Category c = DimseStatus.category(status);
        return c == DimseStatus.Category.SUCCESS || c == DimseStatus.Category.WARNING;
    }

    /**
     * For a failure status: true when the peer may accept the same instance later (it is out of resources,
     * busy, or failed while processing), false when it will refuse it again (it cannot understand it, the
     * data set does not match the SOP class, the SOP class is not supported, we are not authorised).
     */
    static boolean retryable(int status) {
        int s = status & 0xFFFF;
        if ((s & 0xFF00) == 0xA700) {
            return true; // Refused: Out of Resources
        }
        if ((s & 0xFF00) == 0xA900 || (s & 0xF000) == 0xC000) {
            return false; // Data Set does not match SOP Class; Cannot understand
        }
        return switch (s) {
            case DimseStatus.PROCESSING_FAILURE, 0x0213 /* resource limitation */, DimseStatus.DUPLICATE_INVOCATION,
                    DimseStatus.CANCEL -> true;
            default -> false; // SOP class not supported, not authorized, protocol errors, unknown codes
        };
    }

    /** For people: the code, its category and the meaning the standard gives it. */
    static String describe(int status) {
        int s = status & 0xFFFF;
        String meaning;
        if ((s & 0xFF00) == 0xA700) {
            meaning = "refused: out of resources";
        } else if ((s & 0xFF00) == 0xA900) {
            meaning = "error: data set does not match SOP class";
        } else if ((s & 0xF000) == 0xC000) {
            meaning = "error: cannot understand";
        } else {
            meaning = switch (s) {
                case DimseStatus.SUCCESS -> "success";
                case DimseStatus.WARNING_COERCION -> "warning: coercion of data elements";
                case DimseStatus.WARNING_DATASET_MISMATCH -> "warning: data set does not match SOP class";
                case DimseStatus.WARNING_ELEMENTS_DISCARDED -> "warning: elements discarded";
                case DimseStatus.SOP_CLASS_NOT_SUPPORTED -> "refused: SOP class not supported";
                case DimseStatus.NOT_AUTHORIZED -> "refused: not authorized";
                case DimseStatus.PROCESSING_FAILURE -> "processing failure";
                case 0x0213 -> "resource limitation";
                case DimseStatus.DUPLICATE_INVOCATION -> "duplicate invocation";
                case DimseStatus.UNRECOGNIZED_OPERATION -> "unrecognized operation";
                case DimseStatus.MISTYPED_ARGUMENT -> "mistyped argument";
                case 0x0117 -> "invalid object instance";
                case 0x0111 -> "duplicate SOP instance";
                case DimseStatus.CANCEL -> "cancelled";
                default -> DimseStatus.category(s).name().toLowerCase();
            };
        }
        return String.format("%04XH (%s)", s, meaning);
    }
}

package org.xnat.dicom.net;

/** DIMSE status codes (PS3.7 Annex C) used by the C-services, and their categories. */
public final class DimseStatus {
    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    /** Pending: some optional keys not supported (C-FIND). */
    public static final int PENDING_WARNING = 0xFF01;
    public static final int CANCEL = 0xFE00;
    /** Warning: sub-operations complete, one or more failures or warnings (C-MOVE/C-GET). */
    public static final int WARNING_SUBOPERATIONS = 0xB000;
    public static final int WARNING_COERCION = 0xB000;
    public static final int WARNING_ELEMENTS_DISCARDED = 0xB006;
    public static final int WARNING_DATASET_MISMATCH = 0xB007;
    public static final int REFUSED_OUT_OF_RESOURCES = 0xA700;
    public static final int REFUSED_OUT_OF_RESOURCES_MATCHES = 0xA701;
    public static final int REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS = 0xA702;
    public static final int REFUSED_MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int UNABLE_TO_PROCESS = 0xC000;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int MISTYPED_ARGUMENT = 0x0212;

    /** Status category. */
    public enum Category { SUCCESS, PENDING, CANCEL, WARNING, FAILURE }

    private DimseStatus() {
    }

    public static Category category(int status) {
        if (status == SUCCESS) {
            return Category.SUCCESS;
        }
        if (status == PENDING || status == PENDING_WARNING) {
            return Category.PENDING;
        }
        if (status == CANCEL) {
            return Category.CANCEL;
        }
        if (status == 0x0001 || (status & 0xF000) == 0xB000 || status == 0x0107 || status == 0x0116) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    public static boolean isPending(int status) {
        return category(status) == Category.PENDING;
    }

    public static boolean isFailure(int status) {
        return category(status) == Category.FAILURE;
    }

    /** e.g. {@code "A700H (failure)"}. */
    public static String toString(int status) {
        return String.format("%04XH (%s)", status & 0xFFFF, category(status).name().toLowerCase());
    }
}

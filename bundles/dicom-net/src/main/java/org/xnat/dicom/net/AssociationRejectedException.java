package org.xnat.dicom.net;

/** The peer answered A-ASSOCIATE-RQ with A-ASSOCIATE-RJ (PS3.8 9.3.4). */
public class AssociationRejectedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    /** Result: permanent rejection. */
    public static final int RESULT_PERMANENT = 1;
    /** Result: transient rejection. */
    public static final int RESULT_TRANSIENT = 2;
    /** Source: DICOM UL service-user. */
    public static final int SOURCE_SERVICE_USER = 1;
    /** Source: DICOM UL service-provider (ACSE related function). */
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    /** Source: DICOM UL service-provider (presentation related function). */
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;
    /** Reason (service-user): no reason given. */
    public static final int REASON_NO_REASON = 1;
    /** Reason (service-user): application context name not supported. */
    public static final int REASON_APPLICATION_CONTEXT_NOT_SUPPORTED = 2;
    /** Reason (service-user): calling AE title not recognized. */
    public static final int REASON_CALLING_AE_NOT_RECOGNIZED = 3;
    /** Reason (service-user): called AE title not recognized. */
    public static final int REASON_CALLED_AE_NOT_RECOGNIZED = 7;
    /** Reason (ACSE provider): protocol version not supported. */
    public static final int REASON_PROTOCOL_VERSION_NOT_SUPPORTED = 2;
    /** Reason (presentation provider): temporary congestion. */
    public static final int REASON_TEMPORARY_CONGESTION = 1;
    /** Reason (presentation provider): local limit exceeded. */
    public static final int REASON_LOCAL_LIMIT_EXCEEDED = 2;

    private final int result;
    private final int source;
    private final int reason;

    public AssociationRejectedException(int result, int source, int reason) {
        super("association rejected: " + describe(result, source, reason));
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    public int result() {
        return result;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }

    public static String describe(int result, int source, int reason) {
        String r = result == RESULT_PERMANENT ? "permanent" : result == RESULT_TRANSIENT ? "transient" : "result " + result;
        String s;
        String why;
        switch (source) {
            case SOURCE_SERVICE_USER -> {
                s = "service-user";
                why = switch (reason) {
                    case 1 -> "no reason given";
                    case 2 -> "application context name not supported";
                    case 3 -> "calling AE title not recognized";
                    case 7 -> "called AE title not recognized";
                    default -> "reason " + reason;
                };
            }
            case SOURCE_SERVICE_PROVIDER_ACSE -> {
                s = "service-provider (ACSE)";
                why = reason == 2 ? "protocol version not supported" : reason == 1 ? "no reason given" : "reason " + reason;
            }
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> {
                s = "service-provider (presentation)";
                why = reason == 1 ? "temporary congestion" : reason == 2 ? "local limit exceeded" : "reason " + reason;
            }
            default -> {
                s = "source " + source;
                why = "reason " + reason;
            }
        }
        return r + ", " + s + ", " + why;
    }
}

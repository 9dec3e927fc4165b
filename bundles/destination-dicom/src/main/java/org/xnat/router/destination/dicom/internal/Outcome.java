package org.xnat.router.destination.dicom.internal;

/**
 * The result of one instance of a delivery.
 *
 * @param success the peer accepted it (success or warning status)
 * @param status the C-STORE response status, 0 when there was no response
 * @param detail for people: the status meaning and error comment, or why it was not sent
 * @param retryable for a failure: sending it again later may succeed
 */
record Outcome(boolean success, int status, String detail, boolean retryable) {

    static Outcome stored(int status, String detail) {
        return new Outcome(true, status, detail, false);
    }

    static Outcome failed(int status, String detail, boolean retryable) {
        return new Outcome(false, status, detail, retryable);
    }

    static Outcome notSent(String detail, boolean retryable) {
        return new Outcome(false, 0, detail, retryable);
    }
}

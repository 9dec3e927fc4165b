package org.xnat.router.api.destination;

import java.util.Objects;

/**
 * What the remote side said about one instance of a delivery, for per-instance tracking.
 *
 * @param sopInstanceUid the instance
 * @param success whether the remote side accepted it (a DICOM warning status counts as accepted)
 * @param status the protocol's status: a DIMSE status (e.g. {@code 0x0000}, {@code 0xB000},
 *               {@code 0xA700}), an HTTP status, or 0 where the protocol has none
 * @param detail for people: the error comment, a warning, or empty
 */
public record InstanceResult(String sopInstanceUid, boolean success, int status, String detail) {

    /** Requires the UID; a null detail becomes empty. */
    public InstanceResult {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        detail = detail == null ? "" : detail;
    }
}

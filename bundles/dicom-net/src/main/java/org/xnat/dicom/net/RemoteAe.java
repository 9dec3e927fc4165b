package org.xnat.dicom.net;

import java.util.Objects;

/** A remote application entity: AE title and TCP address. */
public record RemoteAe(String aeTitle, String host, int port) {
    public RemoteAe {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}

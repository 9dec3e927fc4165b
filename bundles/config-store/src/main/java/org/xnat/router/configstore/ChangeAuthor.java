package org.xnat.router.configstore;

import java.util.Objects;

/**
 * Who made a change and from where.
 *
 * @param name API key name, {@code shell:<user>}, {@code config-file} or {@code system}
 * @param remoteAddress client IP address, {@code ""} for local changes
 */
public record ChangeAuthor(String name, String remoteAddress) {

    public ChangeAuthor {
        Objects.requireNonNull(name, "name");
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    public static ChangeAuthor local(String name) {
        return new ChangeAuthor(name, "");
    }
}

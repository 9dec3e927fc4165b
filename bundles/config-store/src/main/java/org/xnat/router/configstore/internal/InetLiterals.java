package org.xnat.router.configstore.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Client addresses for the {@code audit_log.remote_address} INET column. */
final class InetLiterals {

    private InetLiterals() {
    }

    /**
     * The address if it is an IPv4 or IPv6 literal, else {@code null} (the column would refuse it). Never
     * resolves a name: only text that can be nothing but a literal is handed to {@link InetAddress}.
     */
    static String orNull(String address) {
        if (address == null || address.isBlank() || address.length() > 64) {
            return null;
        }
        String a = address.strip();
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
            return a;
        }
        if (a.indexOf(':') >= 0 && a.matches("[0-9A-Fa-f:.]+")) {
            try {
                InetAddress.getByName(a); // an IPv6 literal: parsed, no lookup
                return a;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}

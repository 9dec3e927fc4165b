package org.xnat.router.examples.dicomjson.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File and directory names from UIDs. A UID from the network is untrusted: only a well-formed UID
 * (PS3.5 9.1: digits and dots, at most 64 characters) is used as it is; anything else becomes a stable
 * hash, so that no value can climb out of the output directory ({@code ..}, {@code /}) or clash with a
 * name of our own.
 */
final class PathNames {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private PathNames() {
    }

    static String of(String uid, String whenMissing) {
        if (uid == null || uid.isBlank()) {
            return whenMissing;
        }
        String u = uid.strip();
        if (u.length() <= 64 && UID.matcher(u).matches()) {
            return u;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(u.getBytes(StandardCharsets.UTF_8));
            return "x" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

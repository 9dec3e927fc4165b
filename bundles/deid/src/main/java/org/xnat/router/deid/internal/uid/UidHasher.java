package org.xnat.router.deid.internal.uid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces UIDs deterministically: the same input UID and key always give the same output UID (across
 * instances, studies and restarts), so references between instances stay consistent. The output is
 * {@code root + "." + decimal(first 128 bits of HMAC-SHA256(key, uid))}, shortened to the 64 characters a UID
 * may have (PS3.5 9.1) by dropping low-order digits. With the default root {@code 2.25} this is the form of a
 * UUID-derived UID (PS3.5 B.2). Immutable and thread-safe.
 */
public final class UidHasher {

    public static final String DEFAULT_ROOT = "2.25";
    private static final int MAX_UID = 64;
    private static final Pattern ROOT = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");

    private final byte[] key;
    private final String root;

    public UidHasher(String key, String root) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the UID key is empty");
        }
        String r = root == null || root.isBlank() ? DEFAULT_ROOT : root.trim();
        if (r.endsWith(".")) {
            r = r.substring(0, r.length() - 1);
        }
        if (!ROOT.matcher(r).matches() || r.length() > MAX_UID - 11) {
            throw new IllegalArgumentException("'" + root + "' is not a UID root (digits and dots, at most 53 characters)");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.root = r;
    }

    public String root() {
        return root;
    }

    /** The replacement of one UID (surrounding spaces and NUL padding ignored); "" stays "". */
    public String hash(String uid) {
        String in = uid.strip().replace("\0", "");
        if (in.isEmpty()) {
            return in;
        }
        byte[] digest = hmac(in.getBytes(StandardCharsets.US_ASCII));
        String digits = new BigInteger(1, Arrays.copyOf(digest, 16)).toString();
        int room = MAX_UID - root.length() - 1;
        if (digits.length() > room) {
            digits = digits.substring(0, room);
        }
        return root + "." + digits;
    }

    /** A keyed hash of any text, as unsigned bytes (used for stable per-patient choices). */
    public byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}

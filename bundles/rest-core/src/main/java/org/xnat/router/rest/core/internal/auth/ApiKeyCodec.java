package org.xnat.router.rest.core.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes, hashes and verifies API keys.
 *
 * <p>A generated key is {@code rtr_<8 id chars>_<43 secret chars>} in base62: the secret part alone carries 256
 * random bits; {@code rtr_<id>} (12 characters) is the {@code key_prefix} that finds the row. A key given by an
 * operator ({@code ROUTER_ADMIN_KEY}) may have any form of 20..256 visible ASCII characters; its first 12
 * characters are its prefix.
 *
 * <p>Only a salted PBKDF2-HMAC-SHA256 hash is stored: slow on purpose, because an operator-chosen key may be
 * guessable. Verification compares in constant time. To keep every request from paying for PBKDF2, a key that
 * verified once is remembered as an HMAC under a secret that exists only in this process's memory.
 */
public final class ApiKeyCodec {

    static final String GENERATED_PREFIX = "rtr_";
    static final int PREFIX_LENGTH = 12;
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 256;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int MAX_REMEMBERED = 1000;

    private final SecureRandom random = new SecureRandom();
    private final int iterations;
    private final byte[] memorySecret = new byte[32];
    private final java.util.concurrent.ConcurrentHashMap<String, byte[]> verified = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param iterations PBKDF2 iterations for new hashes (stored hashes carry their own count) */
    public ApiKeyCodec(int iterations) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("at least 1000 PBKDF2 iterations");
        }
        this.iterations = iterations;
        random.nextBytes(memorySecret);
    }

    /** A new random key. */
    public String generate() {
        return GENERATED_PREFIX + base62(8) + "_" + base62(43);
    }

    /** 256 bits (43 base62 characters carry 256.03 bits) drawn uniformly by rejection. */
    private String base62(int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            int b = random.nextInt(256);
            if (b < 248) { // 248 = 4 * 62: keeps every character equally likely
                sb.append(ALPHABET.charAt(b % 62));
            }
        }
        return sb.toString();
    }

    /** Why a presented or configured key cannot be a key, or {@code null} when its form is fine. */
    public static String formProblem(String key) {
        if (key == null || key.length() < MIN_LENGTH) {
            return "an API key has at least " + MIN_LENGTH + " characters";
        }
        if (key.length() > MAX_LENGTH) {
            return "an API key has at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                return "an API key consists of visible ASCII characters only";
            }
        }
        return null;
    }

    /** The row-finding prefix of a well-formed key. */
    public static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    /** The stored form: {@code pbkdf2-sha256$iterations$salt$hash} (base64). */
    public String hash(String key) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(pbkdf2(key, salt, iterations));
    }

    /** Whether {@code key} is the key {@code stored} was made from; constant time in the key's content. */
    public boolean verify(String key, String stored) {
        byte[] fast = hmac(key);
        byte[] remembered = verified.get(stored);
        if (remembered != null) {
            return MessageDigest.isEqual(remembered, fast);
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            if (n < 1 || n > 10_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            boolean ok = MessageDigest.isEqual(expected, pbkdf2(key, salt, n));
            if (ok) {
                if (verified.size() >= MAX_REMEMBERED) {
                    verified.clear();
                }
                verified.put(stored, fast);
            }
            return ok;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String key, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private byte[] hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(memorySecret, "HmacSHA256"));
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

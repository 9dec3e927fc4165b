package org.xnat.dicom.net.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where the PDU fuzzers keep what broke the toolkit: the input and a description, under target/fuzz-crashers. */
final class Crashers {

    private Crashers() {
    }

    static Path dir() {
        return Path.of(System.getProperty("fuzz.crashers", "target/fuzz-crashers"));
    }

    /** Exception type and the first toolkit frame: crashes with the same cause count once. */
    static String signature(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getName());
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.xnat.dicom.") && !e.getClassName().contains(".fuzz.")) {
                b.append(" at ").append(e.getClassName()).append('.').append(e.getMethodName()).append(':')
                        .append(e.getLineNumber());
                break;
            }
        }
        return b.toString();
    }

    static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Writes {@code <prefix>-<sha1>.bin} and a {@code .txt} with {@code description}; returns the .bin path. */
    static Path save(String prefix, byte[] input, String description) throws IOException {
        Path dir = dir();
        Files.createDirectories(dir);
        String name = prefix + "-" + sha1(input).substring(0, 12);
        Path bin = dir.resolve(name + ".bin");
        Files.write(bin, input);
        Files.writeString(dir.resolve(name + ".txt"), description, StandardCharsets.UTF_8);
        return bin;
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

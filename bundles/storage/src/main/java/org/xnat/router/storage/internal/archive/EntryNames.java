package org.xnat.router.storage.internal.archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a name from an archive entry or a multipart filename into a safe relative path, or refuses it. Only
 * plain relative names survive: no {@code ..}, no absolute path, no drive letter, no backslash, no control
 * character; {@code .} and empty segments are dropped ({@code ./a//b} is {@code a/b}).
 */
public final class EntryNames {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    /** Bytes of one path segment: what common file systems accept. */
    private static final int MAX_SEGMENT_BYTES = 255;

    private EntryNames() {
    }

    /**
     * @param name the name as found in the archive or the part header
     * @param what "entry" or "file" (for the message)
     * @return the segments of the safe relative path; empty for a name that only names the root ({@code ./})
     * @throws UploadRefusedException the name is unsafe or too long, with a message naming it
     */
    public static List<String> sanitize(String name, String what, ArchiveLimits limits) throws UploadRefusedException {
        String shown = shown(name);
        if (name == null || name.isEmpty()) {
            throw UploadRefusedException.unsafe(what + " with an empty name");
        }
        if (name.length() > limits.maxPathLength()) {
            throw UploadRefusedException.unsafe(what + " '" + shown + "' has a name longer than "
                    + limits.maxPathLength() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw UploadRefusedException.unsafe(what + " '" + shown + "' has a control character in its name");
            }
        }
        if (name.indexOf('\\') >= 0) {
            throw UploadRefusedException.unsafe(what + " '" + shown
                    + "' has a backslash in its name (Windows paths are refused: they may escape the target)");
        }
        if (name.startsWith("/")) {
            throw UploadRefusedException.unsafe(what + " '" + shown + "' is an absolute path");
        }
        if (DRIVE.matcher(name).matches()) {
            throw UploadRefusedException.unsafe(what + " '" + shown + "' starts with a drive letter");
        }
        List<String> segments = new ArrayList<>();
        for (String s : name.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw UploadRefusedException.unsafe(what + " '" + shown + "' escapes the target directory ('..')");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw UploadRefusedException.unsafe(what + " '" + shown + "' has a path segment longer than "
                        + MAX_SEGMENT_BYTES + " bytes");
            }
            segments.add(s);
        }
        if (segments.size() > limits.maxPathDepth()) {
            throw UploadRefusedException.unsafe(what + " '" + shown + "' is nested deeper than "
                    + limits.maxPathDepth() + " levels");
        }
        return segments;
    }

    /** A name as it may appear in a message: capped, control characters escaped. */
    public static String shown(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 200; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 200) {
            sb.append("...");
        }
        return sb.toString();
    }
}

package org.xnat.router.destination.file.internal;

/**
 * Turns values taken from DICOM data (which a sender controls) into single, harmless path segments: the
 * result never contains a separator, never is {@code .} or {@code ..}, never starts with a dot (no
 * hidden or relative names), has no control characters and is short enough for every file system.
 */
final class PathSegments {

    /** Used for a placeholder the data does not fill. */
    static final String UNKNOWN = "UNKNOWN";

    /** File systems allow 255 bytes per name; UTF-8 takes up to 4 bytes a character, and room stays for suffixes. */
    static final int MAX_CHARS = 60;

    private PathSegments() {
    }

    static String safe(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_CHARS));
        raw.strip().codePoints().forEach(cp -> sb.appendCodePoint(allowed(cp) ? cp : '_'));
        // leading dots would make ".." or hidden names; trailing dots and spaces upset SMB/NTFS shares
        int start = 0;
        while (start < sb.length() && sb.charAt(start) == '.') {
            sb.setCharAt(start++, '_');
        }
        int end = sb.length();
        while (end > 0 && (sb.charAt(end - 1) == '.' || sb.charAt(end - 1) == ' ')) {
            end--;
        }
        String s = sb.substring(0, end);
        if (s.codePointCount(0, s.length()) > MAX_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_CHARS));
        }
        return s.isBlank() ? UNKNOWN : s;
    }

    private static boolean allowed(int cp) {
        int type = Character.getType(cp);
        // control characters (NUL included), bidi overrides and other invisible formatting, lone surrogates
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return false;
        }
        return switch (cp) {
            case '/', '\\', ':', '*', '?', '"', '<', '>', '|' -> false;
            default -> true;
        };
    }
}

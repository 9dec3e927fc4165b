package org.xnat.router.config.internal;

/** Application Entity titles as PS3.5 Table 6.2-1 (VR AE) allows them. */
final class AeTitles {

    static final int MAX_LENGTH = 16;

    private AeTitles() {
    }

    /** Why {@code title} is not a valid AE title, or {@code null} if it is. */
    static String problem(String title) {
        // Leading and trailing spaces are not significant in AE values, so they do not count.
        String t = title.strip();
        if (t.isEmpty()) {
            return "must not be empty";
        }
        if (t.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, '" + t + "' has " + t.length();
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                return "must not contain a backslash";
            }
            if (c < 0x20 || c == 0x7F) {
                return "must not contain control characters";
            }
            if (c > 0x7E) {
                return "must use only ASCII characters (the DICOM default character repertoire)";
            }
        }
        return null;
    }
}

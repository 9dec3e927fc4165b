package org.xnat.router.deid.internal.dicomedit;

/** One token of a DicomEdit script with its 1-based position. */
record Token(Kind kind, String text, int line, int column) {

    enum Kind {
        TAG, STRING, NUMBER, IDENT, ASSIGN, ASSIGN_IF_PRESENT, EQ, NE, MATCH, NOT_MATCH, QUESTION, COLON, MINUS,
        LBRACKET, RBRACKET, COMMA, SLASH, PLUS, STAR, NEWLINE, EOF
    }

    String describe() {
        return switch (kind) {
            case EOF -> "end of script";
            case NEWLINE -> "end of line";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}

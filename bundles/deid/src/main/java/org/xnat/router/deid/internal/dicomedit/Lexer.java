package org.xnat.router.deid.internal.dicomedit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.xnat.router.deid.internal.dicomedit.Token.Kind;

/**
 * Splits a DicomEdit 6 script into tokens. Comments run from {@code //} to the end of the line (or
 * {@code /* ... *&#47;}); line ends separate statements. A tag is one token from {@code (} to {@code )}:
 * {@code (0010,0010)}, {@code (50XX,XXXX)}, {@code (0019,{SIEMENS MR HEADER}0F)}; spaces inside are allowed.
 */
final class Lexer {

    static final int MAX_SCRIPT = 1 << 20;
    private static final Pattern TAG = Pattern.compile(
            "[0-9A-Fa-fXx]{4},(?:[0-9A-Fa-fXx]{4}|\\{[^{}]+}[0-9A-Fa-fXx]{2})");

    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> tokenize(String script) throws ScriptSyntaxException {
        if (script.length() > MAX_SCRIPT) {
            throw new ScriptSyntaxException(1, 1, "the script is longer than " + MAX_SCRIPT + " characters");
        }
        return new Lexer(script).run();
    }

    private List<Token> run() throws ScriptSyntaxException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= s.length()) {
                out.add(new Token(Kind.EOF, "", line, col()));
                return out;
            }
            char c = s.charAt(pos);
            int l = line;
            int cl = col();
            if (c == '\n') {
                pos++;
                newLine();
                if (out.isEmpty() || out.get(out.size() - 1).kind() != Kind.NEWLINE) {
                    out.add(new Token(Kind.NEWLINE, "\n", l, cl));
                }
            } else if (c == '"') {
                out.add(new Token(Kind.STRING, string(), l, cl));
            } else if (c == '(') {
                out.add(new Token(Kind.TAG, tag(), l, cl));
            } else if (Character.isDigit(c)) {
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, pos), l, cl));
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, pos), l, cl));
            } else {
                out.add(operator(c, l, cl));
            }
        }
    }

    private Token operator(char c, int l, int cl) throws ScriptSyntaxException {
        char next = pos + 1 < s.length() ? s.charAt(pos + 1) : 0;
        Kind two = switch (c) {
            case ':' -> next == '=' ? Kind.ASSIGN : null;
            case '?' -> next == '=' ? Kind.ASSIGN_IF_PRESENT : null;
            case '!' -> next == '=' ? Kind.NE : next == '~' ? Kind.NOT_MATCH : null;
            default -> null;
        };
        if (two != null) {
            pos += 2;
            return new Token(two, s.substring(pos - 2, pos), l, cl);
        }
        Kind one = switch (c) {
            case '=' -> Kind.EQ;
            case '~' -> Kind.MATCH;
            case '?' -> Kind.QUESTION;
            case ':' -> Kind.COLON;
            case '-' -> Kind.MINUS;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case ',' -> Kind.COMMA;
            case '/' -> Kind.SLASH;
            case '+' -> Kind.PLUS;
            case '*' -> Kind.STAR;
            default -> throw new ScriptSyntaxException(l, cl, "unexpected character '" + c + "'");
        };
        pos++;
        return new Token(one, String.valueOf(c), l, cl);
    }

    private String string() throws ScriptSyntaxException {
        int l = line;
        int cl = col();
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) {
                c = s.charAt(pos++);
            }
            b.append(c);
        }
        throw new ScriptSyntaxException(l, cl, "string not closed on its line");
    }

    private String tag() throws ScriptSyntaxException {
        int l = line;
        int cl = col();
        int close = s.indexOf(')', pos);
        int nl = s.indexOf('\n', pos);
        if (close < 0 || (nl >= 0 && nl < close)) {
            throw new ScriptSyntaxException(l, cl, "tag not closed with ')' on its line");
        }
        String inside = s.substring(pos + 1, close);
        String compact = compactOutsideBraces(inside);
        if (!TAG.matcher(compact).matches()) {
            throw new ScriptSyntaxException(l, cl, "'(" + inside + ")' is not a tag like (0010,0010), (50XX,XXXX)"
                    + " or (0019,{CREATOR}0F)");
        }
        pos = close + 1;
        return compact;
    }

    private static String compactOutsideBraces(String t) {
        StringBuilder b = new StringBuilder();
        boolean inBraces = false;
        for (char c : t.toCharArray()) {
            if (c == '{') {
                inBraces = true;
            } else if (c == '}') {
                inBraces = false;
            }
            if (inBraces || !Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int end = s.indexOf("*/", pos + 2);
                int stop = end < 0 ? s.length() : end + 2;
                for (int i = pos; i < stop; i++) {
                    if (s.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = stop;
            } else {
                return;
            }
        }
    }

    private void newLine() {
        line++;
        lineStart = pos;
    }

    private int col() {
        return pos - lineStart + 1;
    }
}

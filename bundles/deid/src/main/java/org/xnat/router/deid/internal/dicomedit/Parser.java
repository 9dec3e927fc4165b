package org.xnat.router.deid.internal.dicomedit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.xnat.router.deid.internal.dicomedit.Ast.Expr;
import org.xnat.router.deid.internal.dicomedit.Ast.Pos;
import org.xnat.router.deid.internal.dicomedit.Ast.Stmt;
import org.xnat.router.deid.internal.dicomedit.Token.Kind;

/**
 * Hand-written recursive-descent parser of DicomEdit 6 scripts (one statement per line):
 *
 * <pre>
 * script     := 'version' STRING(6.x) (NL statement)* EOF
 * statement  := 'removeAllPrivateTags' | 'retainPrivateTags' '[' path (',' path)* ']'
 *             | '-' path | call | target (':=' | '?=') expr | expr op expr '?' action (':' action)?
 * action     := statement without a condition
 * call       := ('shiftDateTimeByIncrement' | 'alterPixels' | 'blankValues') '[' args ']'
 * expr       := STRING | NUMBER | '-' NUMBER | path | IDENT | IDENT '[' args ']' | 'new' 'UID'
 * path       := (step '/')* TAG ;  step := TAG ('[' (NUMBER | '*') ']')? | '*' | '+'
 * op         := '=' | '!=' | '~' | '!~'
 * </pre>
 */
final class Parser {

    /** Value functions with their minimum and maximum number of arguments (-1: no maximum). */
    static final Map<String, int[]> VALUE_FUNCTIONS = Map.of(
            "hashUID", new int[] {1, 1},
            "format", new int[] {1, -1},
            "lowercase", new int[] {1, 1},
            "uppercase", new int[] {1, 1},
            "replace", new int[] {3, 3},
            "substring", new int[] {2, 3},
            "match", new int[] {3, 3},
            "lookup", new int[] {2, 2});

    static final Map<String, int[]> STATEMENT_FUNCTIONS = Map.of(
            "shiftDateTimeByIncrement", new int[] {3, 3},
            "alterPixels", new int[] {4, 4},
            "blankValues", new int[] {1, -1});

    private static final Pattern VERSION = Pattern.compile("6\\.\\d+(\\.\\d+)?");

    private final List<Token> tokens;
    private int i;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Ast.Script parse(String text) throws ScriptSyntaxException {
        return new Parser(Lexer.tokenize(text)).script();
    }

    private Ast.Script script() throws ScriptSyntaxException {
        skipNewlines();
        Token v = peek();
        if (v.kind() != Kind.IDENT || !v.text().equals("version")) {
            throw error(v, "a DicomEdit 6 script starts with: version \"6.x\"");
        }
        next();
        Token s = next();
        if (s.kind() != Kind.STRING || !VERSION.matcher(s.text()).matches()) {
            throw error(s, "expected the version as a string \"6.x\", found " + s.describe()
                    + " (this engine runs DicomEdit 6 scripts only)");
        }
        endOfStatement();
        List<Stmt> statements = new ArrayList<>();
        while (true) {
            skipNewlines();
            if (peek().kind() == Kind.EOF) {
                return new Ast.Script(s.text(), List.copyOf(statements));
            }
            statements.add(statement(true));
            endOfStatement();
        }
    }

    private Stmt statement(boolean allowConditional) throws ScriptSyntaxException {
        Token t = peek();
        Pos pos = Pos.of(t);
        if (t.kind() == Kind.IDENT) {
            switch (t.text()) {
                case "version" -> throw error(t, "version may appear only once, as the first statement");
                case "removeAllPrivateTags" -> {
                    next();
                    return new Ast.RemoveAllPrivate(pos);
                }
                case "retainPrivateTags" -> {
                    next();
                    expect(Kind.LBRACKET, "'[' after retainPrivateTags");
                    List<TagPath> keep = new ArrayList<>();
                    do {
                        keep.add(tagPath());
                    } while (accept(Kind.COMMA));
                    expect(Kind.RBRACKET, "']' closing retainPrivateTags");
                    return new Ast.RetainPrivate(pos, List.copyOf(keep));
                }
                default -> {
                    if (STATEMENT_FUNCTIONS.containsKey(t.text()) && peekAt(1).kind() == Kind.LBRACKET) {
                        next();
                        List<Expr> args = arguments(t, STATEMENT_FUNCTIONS.get(t.text()));
                        checkStatementCall(t, args);
                        return new Ast.Call(pos, t.text(), args);
                    }
                }
            }
        }
        if (t.kind() == Kind.MINUS) {
            next();
            return new Ast.Delete(pos, tagPath());
        }
        Expr left = expr();
        Token op = peek();
        if (op.kind() == Kind.ASSIGN || op.kind() == Kind.ASSIGN_IF_PRESENT) {
            next();
            Expr value = expr();
            if (left instanceof Ast.TagValue tv) {
                return new Ast.Assign(pos, tv.path(), value, op.kind() == Kind.ASSIGN_IF_PRESENT);
            }
            if (left instanceof Ast.Variable var && op.kind() == Kind.ASSIGN) {
                return new Ast.AssignVariable(pos, var.name(), value);
            }
            throw error(t, op.kind() == Kind.ASSIGN ? "only a tag path or a variable can be assigned"
                    : "only a tag path can be assigned with ?=");
        }
        Ast.Op cmp = switch (op.kind()) {
            case EQ -> Ast.Op.EQ;
            case NE -> Ast.Op.NE;
            case MATCH -> Ast.Op.MATCH;
            case NOT_MATCH -> Ast.Op.NOT_MATCH;
            default -> null;
        };
        if (cmp == null) {
            throw error(op, "expected :=, ?= or a condition (= != ~ !~), found " + op.describe());
        }
        if (!allowConditional) {
            throw error(op, "a condition cannot be the action of another condition");
        }
        next();
        Expr right = expr();
        if ((cmp == Ast.Op.MATCH || cmp == Ast.Op.NOT_MATCH) && right instanceof Ast.Literal lit) {
            checkRegex(lit);
        }
        expect(Kind.QUESTION, "'?' after the condition");
        Stmt then = statement(false);
        Stmt otherwise = accept(Kind.COLON) ? statement(false) : null;
        return new Ast.Conditional(pos, new Ast.Condition(pos, left, cmp, right), then, otherwise);
    }

    private Expr expr() throws ScriptSyntaxException {
        Token t = peek();
        Pos pos = Pos.of(t);
        switch (t.kind()) {
            case STRING, NUMBER -> {
                next();
                return new Ast.Literal(pos, t.text());
            }
            case MINUS -> {
                next();
                Token n = expect(Kind.NUMBER, "a number after '-'");
                return new Ast.Literal(pos, "-" + n.text());
            }
            case TAG, PLUS, STAR -> {
                return new Ast.TagValue(pos, tagPath());
            }
            case IDENT -> {
                next();
                if (t.text().equals("new")) {
                    Token u = next();
                    if (u.kind() != Kind.IDENT || !u.text().equals("UID")) {
                        throw error(u, "expected UID after new");
                    }
                    return new Ast.NewUid(pos);
                }
                if (peek().kind() == Kind.LBRACKET) {
                    if (STATEMENT_FUNCTIONS.containsKey(t.text())) {
                        throw error(t, t.text() + " is a statement of its own, not a value");
                    }
                    int[] arity = VALUE_FUNCTIONS.get(t.text());
                    if (arity == null) {
                        throw error(t, "unknown function '" + t.text() + "' (known: " + String.join(", ",
                                new java.util.TreeSet<>(VALUE_FUNCTIONS.keySet())) + ")");
                    }
                    List<Expr> args = arguments(t, arity);
                    if (t.text().equals("match") && args.get(1) instanceof Ast.Literal lit) {
                        checkRegex(lit);
                    }
                    return new Ast.Function(pos, t.text(), args);
                }
                return new Ast.Variable(pos, t.text());
            }
            default -> throw error(t, "expected a value (string, number, tag path, variable or function), found "
                    + t.describe());
        }
    }

    private List<Expr> arguments(Token name, int[] arity) throws ScriptSyntaxException {
        expect(Kind.LBRACKET, "'['");
        List<Expr> args = new ArrayList<>();
        if (peek().kind() != Kind.RBRACKET) {
            do {
                args.add(expr());
            } while (accept(Kind.COMMA));
        }
        expect(Kind.RBRACKET, "']' closing the arguments of " + name.text());
        if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
            String want = arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? String.valueOf(arity[0])
                    : arity[0] + " to " + arity[1];
            throw error(name, name.text() + " takes " + want + " argument(s), not " + args.size());
        }
        return List.copyOf(args);
    }

    private void checkStatementCall(Token name, List<Expr> args) throws ScriptSyntaxException {
        switch (name.text()) {
            case "shiftDateTimeByIncrement" -> {
                requirePath(name, args.get(0));
                if (args.get(2) instanceof Ast.Literal unit && !unit.value().equals("days")
                        && !unit.value().equals("seconds")) {
                    throw error(args.get(2).pos(), "the unit is \"days\" or \"seconds\", not \"" + unit.value() + "\"");
                }
                if (args.get(1) instanceof Ast.Literal amount && !amount.value().trim().matches("[+-]?\\d{1,9}")) {
                    throw error(args.get(1).pos(), "the increment is a whole number, not \"" + amount.value() + "\"");
                }
            }
            case "blankValues" -> {
                for (Expr e : args) {
                    requirePath(name, e);
                }
            }
            case "alterPixels" -> {
                try {
                    PixelEditor.Rectangle.parse(literals(name, args));
                } catch (IllegalArgumentException e) {
                    throw error(name, e.getMessage());
                }
            }
            default -> throw new IllegalStateException(name.text());
        }
    }

    private List<String> literals(Token name, List<Expr> args) throws ScriptSyntaxException {
        List<String> out = new ArrayList<>();
        for (Expr e : args) {
            if (!(e instanceof Ast.Literal lit)) {
                throw error(e.pos(), name.text() + " takes string arguments");
            }
            out.add(lit.value());
        }
        return out;
    }

    private void requirePath(Token name, Expr e) throws ScriptSyntaxException {
        if (!(e instanceof Ast.TagValue)) {
            throw error(e.pos(), name.text() + " needs a tag path here");
        }
    }

    private void checkRegex(Ast.Literal lit) throws ScriptSyntaxException {
        try {
            Pattern.compile(lit.value());
        } catch (PatternSyntaxException e) {
            throw error(lit.pos(), "invalid regular expression \"" + lit.value() + "\": " + e.getDescription());
        }
    }

    private TagPath tagPath() throws ScriptSyntaxException {
        Token first = peek();
        StringBuilder text = new StringBuilder();
        List<TagPath.Step> steps = new ArrayList<>();
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case PLUS, STAR -> {
                    steps.add(t.kind() == Kind.PLUS ? new TagPath.AnyDepth() : new TagPath.AnyOneLevel());
                    text.append(t.text());
                    expect(Kind.SLASH, "'/' after " + t.text() + " in a tag path");
                    text.append('/');
                }
                case TAG -> {
                    TagSelector sel = TagSelector.parse(t.text());
                    text.append(sel);
                    int item = -1;
                    boolean indexed = false;
                    if (accept(Kind.LBRACKET)) {
                        Token n = next();
                        if (n.kind() == Kind.NUMBER) {
                            try {
                                item = Integer.parseInt(n.text());
                            } catch (NumberFormatException e) {
                                throw error(n, "item index too large");
                            }
                        } else if (n.kind() != Kind.STAR) {
                            throw error(n, "expected an item number or * in [ ]");
                        }
                        expect(Kind.RBRACKET, "']' after the item index");
                        text.append('[').append(n.text()).append(']');
                        indexed = true;
                    }
                    if (accept(Kind.SLASH)) {
                        steps.add(new TagPath.Into(sel, item));
                        text.append('/');
                        continue;
                    }
                    if (indexed) {
                        throw error(t, "an item index must be followed by /element");
                    }
                    return new TagPath(List.copyOf(steps), sel, text.toString());
                }
                default -> throw error(t, "expected a tag like (0010,0010) in the tag path"
                        + (t == first ? "" : " after '/'") + ", found " + t.describe());
            }
        }
    }

    // ------------------------------------------------------------------ token helpers

    private void endOfStatement() throws ScriptSyntaxException {
        Token t = peek();
        if (t.kind() != Kind.NEWLINE && t.kind() != Kind.EOF) {
            throw error(t, "expected the end of the statement, found " + t.describe());
        }
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            i++;
        }
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.EOF) {
            i++;
        }
        return t;
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            i++;
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String what) throws ScriptSyntaxException {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return next();
    }

    private static ScriptSyntaxException error(Token t, String message) {
        return new ScriptSyntaxException(t.line(), t.column(), message);
    }

    private static ScriptSyntaxException error(Pos p, String message) {
        return new ScriptSyntaxException(p.line(), p.column(), message);
    }
}

package org.xnat.router.deid.internal.dicomedit;

import java.util.List;

/** The parsed form of a DicomEdit script: statements and the value expressions they use. */
final class Ast {

    private Ast() {
    }

    record Pos(int line, int column) {
        static Pos of(Token t) {
            return new Pos(t.line(), t.column());
        }
    }

    record Script(String version, List<Stmt> statements) {
        boolean needsPixelData() {
            return statements.stream().anyMatch(Ast::altersPixels);
        }
    }

    static boolean altersPixels(Stmt s) {
        if (s instanceof Call c) {
            return c.name().equals("alterPixels");
        }
        return s instanceof Conditional c && (altersPixels(c.then()) || (c.otherwise() != null && altersPixels(c.otherwise())));
    }

    sealed interface Stmt permits Assign, AssignVariable, Delete, RemoveAllPrivate, RetainPrivate, Call, Conditional {
        Pos pos();
    }

    /** {@code path := value} or, with {@code ifPresent}, {@code path ?= value}. */
    record Assign(Pos pos, TagPath target, Expr value, boolean ifPresent) implements Stmt {
    }

    record AssignVariable(Pos pos, String name, Expr value) implements Stmt {
    }

    record Delete(Pos pos, TagPath target) implements Stmt {
    }

    record RemoveAllPrivate(Pos pos) implements Stmt {
    }

    record RetainPrivate(Pos pos, List<TagPath> keep) implements Stmt {
    }

    /** A statement-level function: {@code shiftDateTimeByIncrement}, {@code alterPixels}, {@code blankValues}. */
    record Call(Pos pos, String name, List<Expr> args) implements Stmt {
    }

    record Conditional(Pos pos, Condition condition, Stmt then, Stmt otherwise) implements Stmt {
    }

    enum Op { EQ, NE, MATCH, NOT_MATCH }

    record Condition(Pos pos, Expr left, Op op, Expr right) {
    }

    sealed interface Expr permits Literal, TagValue, Variable, Function, NewUid {
        Pos pos();
    }

    record Literal(Pos pos, String value) implements Expr {
    }

    record TagValue(Pos pos, TagPath path) implements Expr {
    }

    record Variable(Pos pos, String name) implements Expr {
    }

    record Function(Pos pos, String name, List<Expr> args) implements Expr {
    }

    record NewUid(Pos pos) implements Expr {
    }
}

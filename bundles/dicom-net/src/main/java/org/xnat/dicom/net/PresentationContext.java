package org.xnat.dicom.net;

import java.util.List;
import java.util.Objects;

/**
 * A presentation context (PS3.8 7.1.1.13): as proposed (abstract syntax and candidate transfer
 * syntaxes) or as answered (result and the single accepted transfer syntax).
 */
public final class PresentationContext {

    /** Result/reason of a presentation context in the A-ASSOCIATE-AC (PS3.8 Table 9-18). */
    public enum Result {
        ACCEPTANCE(0), USER_REJECTION(1), NO_REASON(2), ABSTRACT_SYNTAX_NOT_SUPPORTED(3),
        TRANSFER_SYNTAXES_NOT_SUPPORTED(4), PROPOSED(-1);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Result ofCode(int code) {
            for (Result r : values()) {
                if (r.code == code && code >= 0) {
                    return r;
                }
            }
            return NO_REASON;
        }
    }

    private final int id;
    private final String abstractSyntax;
    private final List<String> transferSyntaxes;
    private final Result result;

    private PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes, Result result) {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context ID must be odd and in 1..255: " + id);
        }
        this.id = id;
        this.abstractSyntax = abstractSyntax;
        this.transferSyntaxes = List.copyOf(transferSyntaxes);
        this.result = result;
    }

    /** A proposed context (A-ASSOCIATE-RQ). */
    public static PresentationContext proposed(int id, String abstractSyntax, List<String> transferSyntaxes) {
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("a proposed presentation context needs a transfer syntax");
        }
        return new PresentationContext(id, abstractSyntax, transferSyntaxes, Result.PROPOSED);
    }

    /** An accepted context with the transfer syntax chosen by the acceptor. */
    public static PresentationContext accepted(int id, String abstractSyntax, String transferSyntax) {
        return new PresentationContext(id, abstractSyntax, List.of(transferSyntax), Result.ACCEPTANCE);
    }

    /** A rejected context. {@code abstractSyntax} may be null when unknown. */
    public static PresentationContext rejected(int id, String abstractSyntax, Result result) {
        if (result == Result.ACCEPTANCE || result == Result.PROPOSED) {
            throw new IllegalArgumentException("not a rejection: " + result);
        }
        return new PresentationContext(id, abstractSyntax, List.of(), result);
    }

    /** Copy with the abstract syntax filled in (the A-ASSOCIATE-AC does not carry it). */
    public PresentationContext withAbstractSyntax(String as) {
        return new PresentationContext(id, as, transferSyntaxes, result);
    }

    public int id() {
        return id;
    }

    public String abstractSyntax() {
        return abstractSyntax;
    }

    public List<String> transferSyntaxes() {
        return transferSyntaxes;
    }

    /** The accepted transfer syntax, or the first proposed one. */
    public String transferSyntax() {
        return transferSyntaxes.isEmpty() ? null : transferSyntaxes.get(0);
    }

    public Result result() {
        return result;
    }

    public boolean isAccepted() {
        return result == Result.ACCEPTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresentationContext pc && pc.id == id && Objects.equals(pc.abstractSyntax, abstractSyntax)
                && pc.transferSyntaxes.equals(transferSyntaxes) && pc.result == result;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, abstractSyntax, transferSyntaxes, result);
    }

    @Override
    public String toString() {
        return "PC[" + id + " " + abstractSyntax + " " + transferSyntaxes + " " + result + "]";
    }
}

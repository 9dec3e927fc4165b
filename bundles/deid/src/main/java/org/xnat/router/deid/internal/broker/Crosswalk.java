package org.xnat.router.deid.internal.broker;

import java.io.IOException;
import java.time.Instant;

/**
 * The honest broker's memory: per broker and identifier type, the research value given to each original value.
 * A mapping, once made, is never changed (insert-if-absent), so a patient keeps its research ID across
 * instances, studies and restarts. Implementations are thread-safe; making a mapping is atomic, also between
 * router instances sharing one database.
 */
public interface Crosswalk {

    /** Makes a research value; {@code sequence} is 1 + the number of values already made for the broker and type. */
    @FunctionalInterface
    interface Generator {
        /**
         * @param attempt 0, then 1, 2, ... when the value made before is already taken by another original
         */
        String generate(long sequence, int attempt);
    }

    /** The research value of {@code original}, or {@code null} if none was made. */
    String find(String broker, IdType type, String original) throws CrosswalkException;

    /** The research value of {@code original}: the one made before, else a new one from {@code generator}, stored. */
    String resolve(String broker, IdType type, String original, Generator generator) throws CrosswalkException;

    /** One stored mapping. */
    record Mapping(String broker, IdType type, String original, String researchId, long sequence, Instant created) {
    }

    /** Receives mappings one by one; returns false to stop. */
    @FunctionalInterface
    interface Sink {
        boolean accept(Mapping mapping) throws IOException;
    }

    /**
     * Every mapping of {@code broker} ({@code type} only, or all types when null), by type and then sequence, streamed
     * to {@code sink} (a crosswalk can be large).
     */
    void list(String broker, IdType type, Sink sink) throws CrosswalkException, IOException;
}

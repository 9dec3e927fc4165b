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

    /** A page of a search and how many mappings match in all. */
    record Page(long total, java.util.List<Mapping> mappings) {
    }

    /**
     * The mappings of {@code broker} ({@code type} only, or all types when null) whose original or research value
     * contains {@code query} ignoring case ({@code null}/empty: all), by type and then sequence, {@code offset}
     * skipped, at most {@code limit}. This default walks {@link #list}; a database crosswalk asks the database.
     */
    default Page search(String broker, IdType type, String query, int limit, int offset)
            throws CrosswalkException, IOException {
        String q = query == null ? "" : query.toLowerCase(java.util.Locale.ROOT);
        java.util.List<Mapping> page = new java.util.ArrayList<>();
        long[] total = {0};
        list(broker, type, m -> {
            if (q.isEmpty() || m.original().toLowerCase(java.util.Locale.ROOT).contains(q)
                    || m.researchId().toLowerCase(java.util.Locale.ROOT).contains(q)) {
                if (total[0] >= offset && page.size() < limit) {
                    page.add(m);
                }
                total[0]++;
            }
            return true;
        });
        return new Page(total[0], page);
    }
}

package org.xnat.router.deid.internal.broker;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A crosswalk in memory (tests, dry runs, a router without database: mappings end with the process). */
public final class InMemoryCrosswalk implements Crosswalk {

    static final int MAX_ATTEMPTS = 50;

    private final Map<String, Map<String, String>> byKey = new HashMap<>();
    private final Map<String, Set<String>> taken = new HashMap<>();
    private final List<Mapping> mappings = new ArrayList<>();

    private static String key(String broker, IdType type) {
        return broker + '\u0000' + type.key();
    }

    @Override
    public synchronized String find(String broker, IdType type, String original) {
        Map<String, String> m = byKey.get(key(broker, type));
        return m == null ? null : m.get(original);
    }

    @Override
    public synchronized String resolve(String broker, IdType type, String original, Generator generator)
            throws CrosswalkException {
        Map<String, String> m = byKey.computeIfAbsent(key(broker, type), k -> new HashMap<>());
        String existing = m.get(original);
        if (existing != null) {
            return existing;
        }
        Set<String> used = taken.computeIfAbsent(key(broker, type), k -> new HashSet<>());
        long sequence = m.size() + 1L;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String value = generator.generate(sequence, attempt);
            if (type == IdType.DATE_SHIFT || used.add(value)) {
                m.put(original, value);
                mappings.add(new Mapping(broker, type, original, value, sequence, Instant.now()));
                return value;
            }
        }
        throw new CrosswalkException("no free " + type.key() + " value after " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public void list(String broker, IdType type, Sink sink) throws IOException {
        List<Mapping> copy;
        synchronized (this) {
            copy = mappings.stream().filter(m -> m.broker().equals(broker) && (type == null || m.type() == type))
                    .sorted(java.util.Comparator.comparing(Mapping::type).thenComparingLong(Mapping::sequence)).toList();
        }
        for (Mapping m : copy) {
            if (!sink.accept(m)) {
                return;
            }
        }
    }
}

package org.xnat.router.deid.internal.tester;

import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.CrosswalkException;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;

/**
 * A crosswalk for test runs: existing mappings are read from the real one, new ones are made in memory only
 * (their sequence numbers may differ from what a real run would give).
 */
final class DryRunCrosswalk implements Crosswalk {

    private final Crosswalk real;
    private final InMemoryCrosswalk scratch = new InMemoryCrosswalk();

    DryRunCrosswalk(Crosswalk real) {
        this.real = real;
    }

    @Override
    public String find(String broker, IdType type, String original) throws CrosswalkException {
        String v = real.find(broker, type, original);
        return v != null ? v : scratch.find(broker, type, original);
    }

    @Override
    public String resolve(String broker, IdType type, String original, Generator generator) throws CrosswalkException {
        String v = real.find(broker, type, original);
        return v != null ? v : scratch.resolve(broker, type, original, generator);
    }

    @Override
    public void list(String broker, IdType type, Sink sink) throws CrosswalkException, java.io.IOException {
        real.list(broker, type, sink);
    }

    @Override
    public Page search(String broker, IdType type, String query, int limit, int offset)
            throws CrosswalkException, java.io.IOException {
        return real.search(broker, type, query, limit, offset);
    }
}

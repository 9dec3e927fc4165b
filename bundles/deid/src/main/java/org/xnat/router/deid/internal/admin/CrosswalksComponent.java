package org.xnat.router.deid.internal.admin;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.xnat.router.deid.CrosswalkEntry;
import org.xnat.router.deid.CrosswalkPage;
import org.xnat.router.deid.Crosswalks;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.CrosswalkException;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.shell.CrosswalkCsv;

/** The {@link Crosswalks} service: the shared crosswalk, read only. */
@Component(service = Crosswalks.class)
public final class CrosswalksComponent implements Crosswalks {

    /** A page never holds more than this, whatever the caller asks. */
    static final int MAX_LIMIT = 1000;
    /** Search text longer than this is refused (it could not match anything sensible). */
    static final int MAX_QUERY = 256;

    private final Crosswalk crosswalk;

    @Activate
    public CrosswalksComponent(@Reference Crosswalk crosswalk) {
        this.crosswalk = crosswalk;
    }

    @Override
    public CrosswalkPage search(String broker, String type, String query, int limit, int offset) throws IOException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        if (query != null && query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("the search text is longer than " + MAX_QUERY + " characters");
        }
        try {
            Crosswalk.Page page = crosswalk.search(name(broker), idType(type), query, limit, offset);
            return new CrosswalkPage(page.total(), page.mappings().stream().map(CrosswalksComponent::entry).toList());
        } catch (CrosswalkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long exportCsv(String broker, String type, Writer out) throws IOException {
        AtomicLong rows = new AtomicLong();
        CrosswalkCsv.header(out);
        try {
            crosswalk.list(name(broker), idType(type), m -> {
                CrosswalkCsv.row(out, m);
                rows.incrementAndGet();
                return true;
            });
        } catch (CrosswalkException e) {
            throw new IOException(e.getMessage(), e);
        }
        return rows.get();
    }

    @Override
    public Optional<String> lookup(String broker, String type, String original) throws IOException {
        IdType t = idType(type);
        if (t == null) {
            throw new IllegalArgumentException("type is required (" + String.join(", ", TYPES) + ")");
        }
        if (original == null || original.isEmpty()) {
            throw new IllegalArgumentException("value is required");
        }
        try {
            // find, never resolve: a lookup must not give a research ID to a value the broker has not seen
            return Optional.ofNullable(crosswalk.find(name(broker), t, original));
        } catch (CrosswalkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String name(String broker) {
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException("a broker name is required");
        }
        return broker;
    }

    private static IdType idType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        IdType t = IdType.of(type);
        if (t == null) {
            throw new IllegalArgumentException("unknown identifier type '" + type + "' (" + String.join(", ", TYPES) + ")");
        }
        return t;
    }

    private static CrosswalkEntry entry(Crosswalk.Mapping m) {
        return new CrosswalkEntry(m.broker(), m.type() == null ? "" : m.type().key(), m.original(), m.researchId(),
                m.sequence(), m.created());
    }
}

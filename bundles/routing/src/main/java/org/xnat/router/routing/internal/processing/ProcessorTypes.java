package org.xnat.router.routing.internal.processing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.xnat.router.api.processor.DatasetProcessorFactory;

/**
 * The {@link DatasetProcessorFactory} services present, by their {@value DatasetProcessorFactory#TYPE_PROPERTY}.
 * {@link #generation()} changes with every arrival and departure, so processors made by a factory that went away
 * are made again.
 */
public final class ProcessorTypes {

    private final Map<String, DatasetProcessorFactory> byType = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public void add(DatasetProcessorFactory factory, Map<String, ?> properties) {
        Object type = properties == null ? null : properties.get(DatasetProcessorFactory.TYPE_PROPERTY);
        String key = type == null ? factory.type() : String.valueOf(type);
        if (key != null && !key.isBlank()) {
            byType.put(key.strip(), factory);
            generation.incrementAndGet();
        }
    }

    public void remove(DatasetProcessorFactory factory) {
        if (byType.values().removeIf(f -> f == factory)) {
            generation.incrementAndGet();
        }
    }

    /** The factory of a type, or {@code null} while none is registered. */
    public DatasetProcessorFactory get(String type) {
        return byType.get(type);
    }

    public long generation() {
        return generation.get();
    }
}

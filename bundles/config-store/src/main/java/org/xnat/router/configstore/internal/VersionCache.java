package org.xnat.router.configstore.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.xnat.router.configstore.ConfigVersion;

/** The last few versions read (versions never change once saved), so that current() is one cheap query. */
final class VersionCache {

    private final Map<Long, ConfigVersion> versions;

    VersionCache(int size) {
        this.versions = new LinkedHashMap<>(size, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ConfigVersion> eldest) {
                return size() > size;
            }
        };
    }

    synchronized ConfigVersion get(long id) {
        return versions.get(id);
    }

    synchronized void put(ConfigVersion v) {
        versions.put(v.id(), v);
    }
}

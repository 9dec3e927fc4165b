package org.xnat.router.rest.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigRejectedException;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.ConfigVersion;
import org.xnat.router.rest.Caller;

/**
 * How every resource changes the configuration: one {@link ConfigStore#update} per request, by the caller, based on
 * the version named in {@code If-Match} (or whatever is current), an invalid result answered 400 with every problem
 * and a lost race 409. The version is the ETag.
 */
final class ConfigEditor {

    /** Comments are stored with each version; long ones are cut. */
    static final int MAX_COMMENT = 500;

    private final ConfigStore store;

    ConfigEditor(ConfigStore store) {
        this.store = store;
    }

    ConfigStore store() {
        return store;
    }

    ConfigVersion current() {
        return store.current();
    }

    /**
     * Applies {@code edit} to a copy of the current document and saves it.
     *
     * @param ifMatch the {@code If-Match} header: {@code "12"}, {@code W/"12"}, {@code 12} or {@code *}; null = any
     * @param comment given by the client ({@code ?comment=}), else {@code defaultComment}
     */
    ConfigVersion update(String ifMatch, SecurityContext security, String comment, String defaultComment,
            Consumer<Map<String, Object>> edit) {
        long expected = expectedVersion(ifMatch);
        try {
            return store.update(expected, edit, author(security), comment(comment, defaultComment));
        } catch (ConfigRejectedException e) {
            throw rejected(e);
        }
    }

    static ApiException rejected(ConfigRejectedException e) {
        if (e.conflict()) {
            return new ApiException(409, e.getMessage(), e.problems());
        }
        return new ApiException(400, "the configuration would be invalid: nothing was saved", e.problems());
    }

    static ChangeAuthor author(SecurityContext security) {
        Caller caller = Caller.of(security);
        return new ChangeAuthor(caller.name(), caller.remoteAddress());
    }

    static String comment(String given, String defaultComment) {
        String c = given == null || given.isBlank() ? defaultComment : given.strip();
        return c.length() > MAX_COMMENT ? c.substring(0, MAX_COMMENT) : c;
    }

    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return -1;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("If-Match", "must be a configuration version as given in the ETag, e.g. \"12\"");
        }
    }

    static EntityTag etag(ConfigVersion v) {
        return new EntityTag(Long.toString(v.id()));
    }

    /** 200 (or {@code status}) with the entity and the version as ETag. */
    static Response ok(int status, ConfigVersion v, Object entity) {
        return Response.status(status).tag(etag(v)).header("X-Config-Version", v.id()).entity(entity).build();
    }

    // ----- document access, for edits of the mutable copy and reads of the current version

    /** The map under {@code key}, made (and put) if absent; a non-map there is replaced only when {@code create}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> doc, String key) {
        Object v = doc.get(key);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        doc.put(key, created);
        return created;
    }

    /** The map under {@code key} for reading (empty if absent). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Map<String, Object> doc, String key) {
        return doc.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The list under {@code key}, made if absent. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> doc, String key) {
        Object v = doc.get(key);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        List<Object> created = new ArrayList<>();
        doc.put(key, created);
        return created;
    }

    /** The list under {@code key} for reading (empty if absent). */
    @SuppressWarnings("unchecked")
    static List<Object> readList(Map<String, Object> doc, String key) {
        return doc.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}

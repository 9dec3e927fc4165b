package org.xnat.router.deid.internal.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Table E.1-1 of PS3.15, read from {@code confidentiality_profile_attributes.json}: exact tags in a map, repeating
 * groups and ranges in a list, the "Private Attributes" row apart. Immutable once loaded.
 */
public final class ProfileTable {

    private static final String RESOURCE = "confidentiality_profile_attributes.json";
    private static volatile ProfileTable standard;

    private final Map<Integer, ProfileRule> exact = new HashMap<>();
    private final List<Map.Entry<TagPattern, ProfileRule>> patterns = new ArrayList<>();
    private final List<ProfileRule> all = new ArrayList<>();
    private ProfileRule privateAttributes;

    /** The table shipped with this bundle (loaded once). */
    public static ProfileTable standard() {
        ProfileTable t = standard;
        if (t == null) {
            synchronized (ProfileTable.class) {
                if (standard == null) {
                    try (InputStream in = ProfileTable.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is missing from the bundle");
                        }
                        standard = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read " + RESOURCE, e);
                    }
                }
                t = standard;
            }
        }
        return t;
    }

    static ProfileTable parse(String json) {
        ProfileTable table = new ProfileTable();
        for (Map<String, String> row : FlatJson.parseArrayOfObjects(json)) {
            String tag = row.get("tag");
            String basic = row.get("basicProfile");
            if (tag == null || basic == null) {
                throw new IllegalArgumentException("row without tag or basicProfile: " + row);
            }
            Map<ProfileOption, String> options = new EnumMap<>(ProfileOption.class);
            for (ProfileOption o : ProfileOption.values()) {
                String v = row.get(o.column());
                if (v != null && !v.isBlank()) {
                    options.put(o, v.trim());
                }
            }
            ProfileRule rule = new ProfileRule(tag, row.getOrDefault("name", ""), basic.trim(), options);
            rule.basicAction(); // refuses unknown actions now, not while processing
            table.all.add(rule);
            if (tag.toUpperCase().contains("GGGG")) {
                table.privateAttributes = rule;
                continue;
            }
            TagPattern p = TagPattern.parse(tag);
            if (p.isExact()) {
                table.exact.put(p.value(), rule);
            } else {
                table.patterns.add(Map.entry(p, rule));
            }
        }
        if (table.privateAttributes == null) {
            throw new IllegalArgumentException("the table has no Private Attributes row");
        }
        return table;
    }

    /** The rule of a standard (even group) tag, or {@code null} if the table does not list it. */
    public ProfileRule ruleFor(int tag) {
        ProfileRule r = exact.get(tag);
        if (r != null) {
            return r;
        }
        for (Map.Entry<TagPattern, ProfileRule> e : patterns) {
            if (e.getKey().matches(tag)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The "(GGGG,EEEE) where GGGG is odd" row. */
    public ProfileRule privateAttributes() {
        return privateAttributes;
    }

    public List<ProfileRule> rules() {
        return List.copyOf(all);
    }
}

package org.xnat.router.destination.file.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xnat.router.api.config.ConfigProblem;

/**
 * A parsed {@code directory_pattern} such as {@code {PatientID}/{StudyDate}_{StudyInstanceUID}}: segments
 * separated by {@code /}, each made of literal text and placeholders. Literal text is the administrator's
 * and is checked once here; placeholder values come from the data and are made safe on every use
 * ({@link PathSegments#safe}), so a resolved pattern is always a relative path of plain names.
 */
final class DirectoryPattern {

    static final String FIELD = "directory_pattern";
    static final String DEFAULT = "{PatientID}/{StudyInstanceUID}";

    private sealed interface Part permits Literal, Ref {
    }

    private record Literal(String text) implements Part {
    }

    private record Ref(Placeholder placeholder) implements Part {
    }

    private final String source;
    private final List<List<Part>> segments;

    private DirectoryPattern(String source, List<List<Part>> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** Parses a pattern, adding every problem found to {@code problems}; returns null when there were any. */
    static DirectoryPattern parse(String pattern, List<ConfigProblem> problems) {
        int before = problems.size();
        String p = pattern == null || pattern.isBlank() ? DEFAULT : pattern.strip();
        if (p.startsWith("/")) {
            problems.add(ConfigProblem.of(FIELD, "must be relative to 'path' (no leading '/'), got '" + p + "'"));
            p = p.replaceFirst("^/+", "");
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.indexOf('\\') >= 0) {
            problems.add(ConfigProblem.of(FIELD, "must use '/' between directories, not '\\'"));
        }
        List<List<Part>> segments = new ArrayList<>();
        for (String segment : p.split("/", -1)) {
            segments.add(parseSegment(segment, problems));
        }
        return problems.size() > before ? null : new DirectoryPattern(p, List.copyOf(segments));
    }

    private static List<Part> parseSegment(String segment, List<ConfigProblem> problems) {
        List<Part> parts = new ArrayList<>();
        if (segment.isEmpty()) {
            problems.add(ConfigProblem.of(FIELD, "has an empty directory name ('//')"));
            return parts;
        }
        if (segment.equals(".") || segment.equals("..")) {
            problems.add(ConfigProblem.of(FIELD, "must not contain '.' or '..' directories"));
            return parts;
        }
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '{') {
                int close = segment.indexOf('}', i);
                int nextOpen = segment.indexOf('{', i + 1);
                if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                    problems.add(ConfigProblem.of(FIELD, "has a '{' without its '}' in '" + segment + "'"));
                    return parts;
                }
                String name = segment.substring(i + 1, close);
                Placeholder.byName(name).ifPresentOrElse(ph -> parts.add(new Ref(ph)),
                        () -> problems.add(ConfigProblem.of(FIELD, "unknown placeholder {" + name
                                + "}; known placeholders: " + Placeholder.known())));
                i = close + 1;
            } else if (c == '}') {
                problems.add(ConfigProblem.of(FIELD, "has a '}' without its '{' in '" + segment + "'"));
                return parts;
            } else {
                int end = i;
                while (end < segment.length() && segment.charAt(end) != '{' && segment.charAt(end) != '}') {
                    end++;
                }
                String text = segment.substring(i, end);
                if (text.chars().anyMatch(ch -> Character.isISOControl(ch))) {
                    problems.add(ConfigProblem.of(FIELD, "must not contain control characters"));
                }
                parts.add(new Literal(text));
                i = end;
            }
        }
        return parts;
    }

    /** The placeholders the pattern uses. */
    Set<Placeholder> placeholders() {
        Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
        segments.forEach(s -> s.forEach(part -> {
            if (part instanceof Ref r) {
                used.add(r.placeholder());
            }
        }));
        return used;
    }

    /**
     * The directory names for one study, in order. Values are passed through {@link PathSegments#safe}
     * (missing ones become {@code UNKNOWN}); a segment that would still come out as a relative name is
     * neutralised.
     */
    List<String> resolve(Map<Placeholder, String> rawValues) {
        List<String> names = new ArrayList<>(segments.size());
        for (List<Part> segment : segments) {
            StringBuilder sb = new StringBuilder();
            for (Part part : segment) {
                if (part instanceof Literal l) {
                    sb.append(l.text());
                } else if (part instanceof Ref r) {
                    sb.append(PathSegments.safe(rawValues.get(r.placeholder())));
                }
            }
            String name = sb.toString();
            names.add(name.equals(".") || name.equals("..") || name.isEmpty() ? PathSegments.UNKNOWN : name);
        }
        return names;
    }

    @Override
    public String toString() {
        return source;
    }
}

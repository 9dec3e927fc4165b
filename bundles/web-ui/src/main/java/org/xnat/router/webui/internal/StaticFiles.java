package org.xnat.router.webui.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a request path to one of the UI's files inside the bundle ({@code webui/...}): {@code /} and
 * {@code /index.html} to the page, {@code /ui/REL} to an asset. Everything else, and every path that is not
 * plainly a file of ours (dot segments, encoded characters, unknown extensions, too long or too deep), is not
 * found: the bundle's own entries are the only thing this can ever answer with.
 */
final class StaticFiles {

    static final String ROOT = "webui/";
    static final String ASSETS = "/ui/";
    private static final int MAX_PATH = 200;
    private static final int MAX_DEPTH = 6;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** A file of the UI: its entry name in the bundle and its content type. */
    record File(String entry, String contentType) {
    }

    private StaticFiles() {
    }

    /** The file a request path (without context path) names, if it names one. */
    static Optional<File> resolve(String requestPath) {
        if (requestPath == null || requestPath.isEmpty() || requestPath.equals("/") || requestPath.equals("/index.html")) {
            return Optional.of(new File(ROOT + "index.html", TYPES.get("html")));
        }
        if (requestPath.length() > MAX_PATH || !requestPath.startsWith(ASSETS)) {
            return Optional.empty();
        }
        String rel = requestPath.substring(ASSETS.length());
        String[] segments = rel.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            return Optional.empty();
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches() || s.contains("..")) {
                return Optional.empty();
            }
        }
        String last = segments[segments.length - 1];
        int dot = last.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String type = TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type == null ? Optional.empty() : Optional.of(new File(ROOT + rel, type));
    }
}

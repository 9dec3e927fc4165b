package org.xnat.router.persistence.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for PostgreSQL JDBC URLs in messages. */
final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^/?]*)");

    private JdbcUrls() {
    }

    /** The URL without any password parameter, safe to log. */
    static String redact(String url) {
        return url == null ? "" : PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }

    /** "host:port" (or several, comma separated) from the URL, PostgreSQL's default port filled in. */
    static String target(String url) {
        Matcher m = HOST_PORT.matcher(url == null ? "" : url);
        if (!m.find() || m.group(1).isEmpty()) {
            return "localhost:5432";
        }
        StringBuilder out = new StringBuilder();
        for (String host : m.group(1).split(",")) {
            if (out.length() > 0) {
                out.append(',');
            }
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            out.append(hasPort ? host : host + ":5432");
        }
        return out.toString();
    }
}

package org.xnat.router.deid.internal.shell;

import java.io.IOException;
import java.io.Writer;

import org.xnat.router.deid.internal.broker.Crosswalk;

/** Crosswalk rows as CSV (RFC 4180: comma separated, CRLF, fields with a comma, quote or line break quoted). */
public final class CrosswalkCsv {

    public static final String HEADER = "broker,id_type,original,research_id,seq,created_at";

    private CrosswalkCsv() {
    }

    public static void header(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    public static void row(Writer out, Crosswalk.Mapping m) throws IOException {
        out.write(field(m.broker()));
        out.write(',');
        out.write(field(m.type() == null ? "" : m.type().key()));
        out.write(',');
        out.write(field(m.original()));
        out.write(',');
        out.write(field(m.researchId()));
        out.write(',');
        out.write(Long.toString(m.sequence()));
        out.write(',');
        out.write(m.created() == null ? "" : m.created().toString());
        out.write("\r\n");
    }

    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

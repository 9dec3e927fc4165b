package org.xnat.dicom.json;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.xnat.dicom.json.internal.JsonTokenizer;
import org.xnat.dicom.json.internal.JsonTokenizer.Token;

/** Test helper: a whole JSON document as Map / List / String / BigDecimal / Boolean / null. */
final class JsonTree {

    private JsonTree() {
    }

    static Object parse(String json) throws IOException {
        JsonTokenizer t = new JsonTokenizer(new StringReader(json), JsonLimits.defaults());
        Object v = value(t, t.next());
        if (t.next() != Token.END) {
            throw new IOException("trailing data");
        }
        return v;
    }

    private static Object value(JsonTokenizer t, Token tok) throws IOException {
        switch (tok) {
            case BEGIN_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Token n = t.next(); n != Token.END_OBJECT; n = t.next()) {
                    String name = t.text();
                    m.put(name, value(t, t.next()));
                }
                return m;
            }
            case BEGIN_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (Token n = t.next(); n != Token.END_ARRAY; n = t.next()) {
                    l.add(value(t, n));
                }
                return l;
            }
            case STRING:
                return t.text();
            case NUMBER:
                return new BigDecimal(t.text());
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case NULL:
                return null;
            default:
                throw new IOException("unexpected " + tok);
        }
    }
}

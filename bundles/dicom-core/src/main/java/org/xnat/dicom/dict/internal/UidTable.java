package org.xnat.dicom.dict.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The generated UID registry (uids.tsv), loaded once on first use. */
public final class UidTable {

    public enum Type { TRANSFER_SYNTAX, STORAGE_SOP_CLASS, SOP_CLASS, OTHER }

    public record Entry(String uid, Type type, String keyword, boolean retired, String name) {
    }

    private UidTable() {
    }

    public static Entry get(String uid) {
        return uid == null ? null : Holder.BY_UID.get(uid);
    }

    public static String forKeyword(String keyword) {
        Entry e = keyword == null ? null : Holder.BY_KEYWORD.get(keyword);
        return e == null ? null : e.uid();
    }

    public static Iterable<Entry> all() {
        return Holder.BY_UID.values();
    }

    private static final class Holder {
        static final Map<String, Entry> BY_UID = new java.util.LinkedHashMap<>(512);
        static final Map<String, Entry> BY_KEYWORD = new HashMap<>(512);

        static {
            try (InputStream in = UidTable.class.getResourceAsStream("uids.tsv");
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t", 5);
                    Type type = switch (f[1]) {
                        case "TransferSyntax" -> Type.TRANSFER_SYNTAX;
                        case "StorageSOPClass" -> Type.STORAGE_SOP_CLASS;
                        case "SOPClass" -> Type.SOP_CLASS;
                        default -> Type.OTHER;
                    };
                    Entry e = new Entry(f[0], type, f[2], "Y".equals(f[3]), f[4]);
                    BY_UID.put(e.uid(), e);
                    BY_KEYWORD.put(e.keyword(), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the UID registry", e);
            }
        }
    }
}

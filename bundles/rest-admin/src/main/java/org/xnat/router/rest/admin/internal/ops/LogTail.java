package org.xnat.router.rest.admin.internal.ops;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The last lines of a Karaf log file ({@code 2026-01-01T10:00:00,123 | INFO  | thread | logger | bundle | message}),
 * optionally only entries at or above a level. A line without a level field (a stack trace, a continuation)
 * belongs to the entry before it and is kept or dropped with it. Reads backwards from the end, at most
 * {@code maxBytes}, so a huge file costs no more than a small one.
 */
final class LogTail {

    static final Map<String, Integer> LEVELS = Map.of("TRACE", 0, "DEBUG", 1, "INFO", 2, "WARN", 3, "ERROR", 4,
            "FATAL", 5);
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_LINE_CHARS = 4000;

    /** The lines, oldest first; {@code complete} is false when the scan stopped at {@code maxBytes}. */
    record Result(List<String> lines, boolean complete) {
    }

    private LogTail() {
    }

    /**
     * @param minLevel {@code null} for all lines, else one of {@link #LEVELS}
     */
    static Result tail(Path file, int lines, String minLevel, long maxBytes) throws IOException {
        Integer min = minLevel == null ? null : LEVELS.get(minLevel.toUpperCase(Locale.ROOT));
        Deque<String> kept = new ArrayDeque<>();
        List<String> pendingContinuation = new ArrayList<>(); // lines seen (backwards) whose entry is not known yet
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long stop = Math.max(0, end - maxBytes);
            long pos = end;
            byte[] carry = new byte[0];
            while (pos > stop && kept.size() < lines) {
                int n = (int) Math.min(CHUNK, pos - stop);
                pos -= n;
                byte[] buf = new byte[n + carry.length];
                raf.seek(pos);
                raf.readFully(buf, 0, n);
                System.arraycopy(carry, 0, buf, n, carry.length);
                int lineEnd = buf.length;
                for (int i = buf.length - 1; i >= 0 && kept.size() < lines; i--) {
                    if (buf[i] == '\n') {
                        accept(new String(buf, i + 1, lineEnd - i - 1, StandardCharsets.UTF_8), min, lines, kept,
                                pendingContinuation);
                        lineEnd = i;
                    }
                }
                carry = java.util.Arrays.copyOfRange(buf, 0, lineEnd);
                if (pos == 0 && kept.size() < lines) {
                    accept(new String(carry, StandardCharsets.UTF_8), min, lines, kept, pendingContinuation);
                    carry = new byte[0];
                }
                if (carry.length > MAX_LINE_CHARS * 4L) {
                    carry = java.util.Arrays.copyOfRange(carry, carry.length - MAX_LINE_CHARS * 4, carry.length);
                }
            }
            return new Result(new ArrayList<>(kept), pos <= 0 || kept.size() >= lines);
        }
    }

    private static void accept(String raw, Integer min, int lines, Deque<String> kept, List<String> continuation) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isEmpty()) {
            return;
        }
        if (line.length() > MAX_LINE_CHARS) {
            line = line.substring(0, MAX_LINE_CHARS) + "...";
        }
        if (min == null) {
            kept.addFirst(line);
            return;
        }
        Integer level = level(line);
        if (level == null) {
            continuation.add(line);
            return;
        }
        boolean keep = level >= min;
        if (keep) {
            // continuation lines were collected newest first; they follow this entry
            for (String c : continuation) {
                if (kept.size() < lines) {
                    kept.addFirst(c);
                }
            }
            if (kept.size() < lines) {
                kept.addFirst(line);
            }
        }
        continuation.clear();
    }

    /** The level of an entry's first line, or {@code null} for a continuation line. */
    static Integer level(String line) {
        int a = line.indexOf(" | ");
        if (a < 0) {
            return null;
        }
        int b = line.indexOf(" | ", a + 3);
        if (b < 0) {
            return null;
        }
        return LEVELS.get(line.substring(a + 3, b).strip());
    }
}

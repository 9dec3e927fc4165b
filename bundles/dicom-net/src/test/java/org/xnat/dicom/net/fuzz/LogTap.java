package org.xnat.dicom.net.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tees {@code System.err} (where slf4j-simple logs) and keeps every ERROR line with the lines after it (the
 * stack trace). The toolkit logs its internal errors (a RuntimeException in an association or in the accept
 * path, a failing storage sink) at ERROR, so an ERROR line during a fuzz run means the server hit a bug even
 * though it went on serving.
 */
final class LogTap implements AutoCloseable {

    private static final int MAX_KEPT = 1 << 20;

    private final PrintStream original = System.err;
    private final List<String> errors = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean inError;

    LogTap() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                onByte(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                for (int i = 0; i < len; i++) {
                    onByte(b[off + i]);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    private synchronized void onByte(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        String l = line.toString(StandardCharsets.UTF_8);
        line.reset();
        boolean logLine = l.matches("^\\S+ \\[[^\\]]*\\] [A-Z]+ .*");
        if (logLine) {
            flushError();
            inError = l.contains("] ERROR ");
        }
        if (inError && current.length() < MAX_KEPT) {
            current.append(l).append('\n');
        }
    }

    private void flushError() {
        if (current.length() > 0) {
            errors.add(current.toString());
            current.setLength(0);
        }
    }

    /** The ERROR entries logged so far (each with its stack trace). */
    synchronized List<String> errors() {
        List<String> all = new ArrayList<>(errors);
        if (current.length() > 0) {
            all.add(current.toString());
        }
        return all;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}

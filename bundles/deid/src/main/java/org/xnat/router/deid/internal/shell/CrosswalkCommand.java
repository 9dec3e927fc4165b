package org.xnat.router.deid.internal.shell;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.router.deid.internal.broker.Crosswalk;
import org.xnat.router.deid.internal.broker.CrosswalkException;
import org.xnat.router.deid.internal.broker.IdType;

/**
 * {@code router:crosswalk BROKER [--type T] [--export FILE]}: an honest broker's mappings, printed or written as
 * CSV. The export holds re-identification data: it is created readable by its owner only, and an existing file is
 * not overwritten.
 */
@Command(scope = "router", name = "crosswalk",
        description = "Shows or exports (CSV) the crosswalk of an honest broker: original -> research identifiers")
@Service
public class CrosswalkCommand implements Action {

    @Reference
    Crosswalk crosswalk;

    @Argument(index = 0, name = "broker", required = true, description = "Honest broker name (under honest_brokers:)")
    String broker;

    @Option(name = "--type", description = "Only this identifier type: patient_id, patient_name, accession,"
            + " study_uid, series_uid, sop_uid, date_shift")
    String type;

    @Option(name = "--export", description = "Write every mapping as CSV to this file (must not exist)")
    String export;

    @Option(name = "-n", description = "Rows printed at most (without --export)")
    int limit = 100;

    @Override
    public Object execute() throws IOException, CrosswalkException {
        IdType t = null;
        if (type != null) {
            t = IdType.of(type);
            if (t == null) {
                System.out.println("Unknown type '" + type + "' (patient_id, patient_name, accession, study_uid,"
                        + " series_uid, sop_uid, date_shift)");
                return null;
            }
        }
        if (export != null) {
            long n = export(crosswalk, broker, t, Path.of(export));
            System.out.println(n + " mapping(s) of '" + broker + "' written to " + export);
            return null;
        }
        AtomicLong shown = new AtomicLong();
        System.out.printf("%-12s %-40s %-40s %8s%n", "TYPE", "ORIGINAL", "RESEARCH ID", "SEQ");
        crosswalk.list(broker, t, m -> {
            if (shown.get() >= limit) {
                return false;
            }
            shown.incrementAndGet();
            System.out.printf("%-12s %-40s %-40s %8d%n", m.type().key(), m.original(), m.researchId(), m.sequence());
            return true;
        });
        System.out.println(shown.get() == 0 ? "No mappings for '" + broker + "'" + (t == null ? "" : " of type " + t.key())
                : shown.get() + " mapping(s) shown" + (shown.get() >= limit ? " (use -n or --export for more)" : ""));
        return null;
    }

    /** Writes the CSV next to {@code target} and moves it in place; returns the number of rows. */
    static long export(Crosswalk crosswalk, String broker, IdType type, Path target) throws IOException, CrosswalkException {
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite");
        }
        Path dir = file.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".crosswalk-", ".csv.part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, ".crosswalk-", ".csv.part");
        }
        AtomicLong rows = new AtomicLong();
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                CrosswalkCsv.header(out);
                crosswalk.list(broker, type, m -> {
                    CrosswalkCsv.row(out, m);
                    rows.incrementAndGet();
                    return true;
                });
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return rows.get();
    }
}

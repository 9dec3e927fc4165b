package org.xnat.router.importer.internal.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.AccessController;
import java.security.Principal;
import java.util.Locale;

import javax.security.auth.Subject;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;

@Command(scope = "router", name = "import", description = "Imports the DICOM files of a directory through a route"
        + " (spooled and routed like received instances); prints progress, then a summary by study")
@Service
public class ImportCommand implements Action {

    /** Longest wait between progress lines; a line is printed only when something changed. */
    private static final long POLL_MILLIS = 1000;
    private static final int MAX_STUDY_ROWS = 200;

    @Reference
    ImportService imports;

    @Option(name = "--path", aliases = "-p", required = true, description = "Absolute path of the directory to import")
    @Completion(FileCompleter.class)
    String path;

    @Option(name = "--route", required = true, description = "AE title of the route whose rules and destinations apply")
    @Completion(RouteCompleter.class)
    String route;

    @Option(name = "--recursive", aliases = "-r", description = "Also import the sub-directories")
    boolean recursive;

    @Option(name = "--move", description = "Delete each file once the router holds it durably (never before)")
    boolean move;

    @Option(name = "--dry-run", description = "Only scan: classify the files and list the studies, import nothing")
    boolean dryRun;

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        ImportJob job = imports.start(new ImportRequest(Path.of(path.strip()), route, recursive, move, dryRun,
                "shell:" + user()));
        out.printf("Import %s: %s -> route %s%s%s%s%n", job.id(), job.request().directory(), job.request().routeAeTitle(),
                recursive ? ", recursive" : "", move ? ", move" : "", dryRun ? ", dry run (nothing is imported)" : "");
        out.flush();
        String last = "";
        try {
            while (!job.finished()) {
                Thread.sleep(POLL_MILLIS);
                job = imports.job(job.id()).orElseThrow(() -> new IllegalStateException("the import job vanished"));
                String line = progress(job);
                if (!line.equals(last)) {
                    out.println(line);
                    out.flush();
                    last = line;
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C: stop the job after the current file, then report what was done
            imports.cancel(job.id());
            out.println("Cancelling ...");
            long end = System.nanoTime() + 30_000_000_000L;
            while (!job.finished() && System.nanoTime() < end) {
                Thread.sleep(200);
                job = imports.job(job.id()).orElse(job);
            }
        }
        summary(out, job);
        if (job.state() == ImportJob.State.FAILED) {
            throw new IllegalStateException("import " + job.id() + " failed"
                    + (job.errors().isEmpty() ? "" : ": " + job.errors().get(job.errors().size() - 1).reason()));
        }
        return null;
    }

    static String progress(ImportJob j) {
        if (j.state() == ImportJob.State.SCANNING && j.filesDone() == 0) {
            return String.format(Locale.ROOT, "scanning: %d file(s), %s found", j.filesTotal(), size(j.bytesTotal()));
        }
        int pct = j.filesTotal() == 0 ? 100 : (int) (100 * j.filesDone() / j.filesTotal());
        return String.format(Locale.ROOT, "%d/%d file(s) (%d%%), %s/%s, %s/s: %d imported, %d skipped, %d failed",
                j.filesDone(), j.filesTotal(), pct, size(j.bytesDone()), size(j.bytesTotal()), size((long) j.bytesPerSecond()),
                j.imported(), j.skipped(), j.failed());
    }

    static void summary(PrintStream out, ImportJob j) {
        out.println();
        ShellTable studies = new ShellTable();
        studies.column("Study Instance UID");
        studies.column("Patient ID");
        studies.column("Patient name");
        studies.column("Date");
        studies.column("Description");
        studies.column("Modalities");
        studies.column("Instances").alignRight();
        studies.column("Size").alignRight();
        j.studies().stream().limit(MAX_STUDY_ROWS).forEach(s -> studies.addRow().addContent(s.studyInstanceUid(),
                s.patientId(), s.patientName(), s.studyDate(), s.studyDescription(), String.join(",", s.modalities()),
                s.instances(), size(s.bytes())));
        studies.print(out);
        if (j.studies().size() > MAX_STUDY_ROWS) {
            out.printf("... and %d more studies%n", j.studies().size() - MAX_STUDY_ROWS);
        }
        out.println();
        ShellTable counts = new ShellTable();
        counts.column("State");
        counts.column("Files").alignRight();
        counts.column(j.request().dryRun() ? "DICOM" : "Imported").alignRight();
        counts.column("Filtered").alignRight();
        counts.column("Skipped").alignRight();
        counts.column("Failed").alignRight();
        counts.column("Studies").alignRight();
        counts.column("Size").alignRight();
        counts.addRow().addContent(j.state().name(), j.filesTotal(), j.imported(), j.filtered(), j.skipped(), j.failed(),
                j.studies().size(), size(j.bytesDone()));
        counts.print(out);
        if (!j.errors().isEmpty()) {
            out.println();
            out.println("Errors" + (j.errors().size() < j.failed() ? " (first " + j.errors().size() + ")" : "") + ":");
            j.errors().forEach(e -> out.println("  " + e.path() + ": " + e.reason()));
        }
        out.flush();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The shell user (JAAS subject of the session), for the audit log. */
    @SuppressWarnings("removal")
    private static String user() {
        try {
            Subject subject = Subject.getSubject(AccessController.getContext());
            if (subject != null) {
                for (Principal p : subject.getPrincipals()) {
                    if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                        return p.getName();
                    }
                }
            }
        } catch (RuntimeException e) {
            // no subject: fall through
        }
        return "unknown";
    }
}

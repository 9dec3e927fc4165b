package org.xnat.router.importer.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Tag;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.importer.ImportJob.State;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.IngestException;
import org.xnat.router.routing.IngestResult;

/**
 * Runs one job: lists the files, then handles them one by one (probe, preview, ingest, delete when moving). A
 * source file is deleted only after {@link Ingest} returned, i.e. after the router holds the instance durably.
 */
final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final String SOURCE = "import";

    private final Ingest ingest;
    private final FileScanner scanner;

    JobRunner(Ingest ingest, FileScanner scanner) {
        this.ingest = ingest;
        this.scanner = scanner;
    }

    /**
     * @param deadline extra stop condition (a synchronous scan's time limit); the job's own cancel flag is checked too
     * @return how the job ended
     */
    State run(Job job, BooleanSupplier deadline) {
        ImportRequest req = job.request();
        BooleanSupplier stop = () -> job.cancelRequested() || deadline.getAsBoolean();
        List<FileScanner.Found> files;
        try {
            files = scanner.scan(req.directory(), req.recursive(), stop, f -> job.found(f.size()));
        } catch (IOException | RuntimeException e) {
            job.error(req.directory().toString(), "cannot list the directory: " + e.getMessage());
            return State.FAILED;
        }
        if (stop.getAsBoolean()) {
            return State.CANCELLED;
        }
        job.running();
        RouteContext context = new RouteContext(req.routeAeTitle(), "", "", SOURCE);
        for (FileScanner.Found f : files) {
            if (stop.getAsBoolean()) {
                return State.CANCELLED;
            }
            try {
                if (!handle(job, f, context)) {
                    return State.FAILED;
                }
            } catch (RuntimeException e) {
                LOG.warn("Import {}: unexpected failure on {}", job.id(), f.path(), e);
                job.failed(f.path().toString(), "unexpected failure: " + e, f.size());
            }
        }
        return State.DONE;
    }

    /** @return false when the job cannot go on (the router refuses everything: disk full, route gone) */
    private boolean handle(Job job, FileScanner.Found f, RouteContext context) {
        Path path = f.path();
        DicomProbe.Result probe;
        try {
            probe = DicomProbe.probe(path);
        } catch (IOException e) {
            job.failed(path.toString(), "cannot read: " + e.getMessage(), f.size());
            return true;
        }
        if (!probe.dicom()) {
            job.skipped(f.size());
            return true;
        }
        if (!probe.readable()) {
            job.failed(path.toString(), probe.error(), f.size());
            return true;
        }
        job.preview(probe, f.size());
        if (job.request().dryRun()) {
            job.imported(f.size(), false);
            return true;
        }
        IngestResult result;
        try (InputStream in = open(path, probe)) {
            result = probe.layout() == DicomProbe.Layout.BARE
                    ? ingest.ingest(probe.get(Tag.SOPClassUID), probe.get(Tag.SOPInstanceUID),
                            probe.transferSyntax().uid(), in, context)
                    : ingest.ingest(in, context);
        } catch (IngestException e) {
            job.failed(path.toString(), describe(e), f.size());
            // nothing more will be taken: stop instead of failing every remaining file the same way
            return e.reason() != IngestException.Reason.OUT_OF_RESOURCES
                    && e.reason() != IngestException.Reason.UNKNOWN_ROUTE;
        } catch (IOException e) {
            job.failed(path.toString(), "cannot read: " + e.getMessage(), f.size());
            return true;
        }
        job.imported(f.size(), result.outcome() == IngestResult.Outcome.FILTERED);
        if (job.request().move()) {
            try {
                Files.delete(path);
            } catch (IOException e) {
                job.error(path.toString(), "imported, but not deleted: " + e);
            }
        }
        return true;
    }

    private static String describe(IngestException e) {
        return switch (e.reason()) {
            case REJECTED -> "rejected by the route: " + e.getMessage();
            case UNREADABLE -> "not taken by the router: " + e.getMessage();
            case UNKNOWN_ROUTE -> "route unavailable: " + e.getMessage();
            case OUT_OF_RESOURCES -> "router out of resources, import stopped: " + e.getMessage();
        };
    }

    /** The file as the router's ingest expects it: Part 10 with preamble, or the bare data set. */
    private static InputStream open(Path path, DicomProbe.Result probe) throws IOException {
        InputStream file = Files.newInputStream(path);
        return switch (probe.layout()) {
            case PART10, BARE -> file;
            case PART10_NO_PREAMBLE -> new SequenceInputStream(new ByteArrayInputStream(new byte[128]), file);
            case META_ONLY -> {
                byte[] head = new byte[132];
                System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, head, 128, 4);
                yield new SequenceInputStream(new ByteArrayInputStream(head), file);
            }
        };
    }
}

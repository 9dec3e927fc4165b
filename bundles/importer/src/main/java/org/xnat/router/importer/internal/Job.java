package org.xnat.router.importer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportJob.ImportError;
import org.xnat.router.importer.ImportJob.State;
import org.xnat.router.importer.ImportRequest;

/** The live state of one import job; the runner updates it, everyone else takes snapshots. */
final class Job {

    private final String id;
    private final ImportRequest request;
    private final int maxErrors;
    private final Instant startedAt = Instant.now();
    private final StudyPreviews previews = new StudyPreviews();
    private final List<ImportError> errors = new ArrayList<>();
    private volatile boolean cancelRequested;

    private State state = State.SCANNING;
    private long filesTotal;
    private long filesDone;
    private long imported;
    private long filtered;
    private long skipped;
    private long failed;
    private long bytesTotal;
    private long bytesDone;
    private long runningSinceNanos;
    private long bytesAtRunStart;
    private Instant finishedAt;
    private long finishedNanos;

    Job(String id, ImportRequest request, int maxErrors) {
        this.id = id;
        this.request = request;
        this.maxErrors = maxErrors;
    }

    String id() {
        return id;
    }

    ImportRequest request() {
        return request;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Asks the runner to stop after the current file; false when the job has already finished. */
    synchronized boolean requestCancel() {
        if (isFinished()) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    synchronized boolean isFinished() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    synchronized void found(long size) {
        filesTotal++;
        bytesTotal += size;
    }

    synchronized void running() {
        if (!request.dryRun()) {
            state = State.RUNNING;
        }
        runningSinceNanos = System.nanoTime();
        bytesAtRunStart = bytesDone;
    }

    synchronized void preview(DicomProbe.Result r, long size) {
        previews.add(r, size);
    }

    synchronized void imported(long size, boolean wasFiltered) {
        imported++;
        if (wasFiltered) {
            filtered++;
        }
        done(size);
    }

    synchronized void skipped(long size) {
        skipped++;
        done(size);
    }

    synchronized void failed(String path, String reason, long size) {
        failed++;
        error(path, reason);
        done(size);
    }

    /** A problem that does not make the file count as failed (e.g. imported, but not deleted). */
    synchronized void error(String path, String reason) {
        if (errors.size() < maxErrors) {
            errors.add(new ImportError(path, reason.length() > 1000 ? reason.substring(0, 1000) : reason));
        }
    }

    private void done(long size) {
        filesDone++;
        bytesDone += size;
    }

    synchronized void finish(State end) {
        if (previews.truncated()) {
            error("", "more than " + StudyPreviews.MAX_STUDIES + " studies: the preview lists the first ones");
        }
        state = end;
        finishedAt = Instant.now();
        finishedNanos = System.nanoTime();
    }

    synchronized ImportJob snapshot() {
        double rate = 0;
        if (runningSinceNanos != 0) {
            long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
            double seconds = Math.max(1e-3, (end - runningSinceNanos) / 1e9);
            rate = (bytesDone - bytesAtRunStart) / seconds;
        }
        return new ImportJob(id, request, state, filesTotal, filesDone, imported, skipped, failed, bytesTotal,
                bytesDone, rate, startedAt, finishedAt, previews.snapshot(), List.copyOf(errors), filtered);
    }
}

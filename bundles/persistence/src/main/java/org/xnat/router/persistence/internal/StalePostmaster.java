package org.xnat.router.persistence.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed router leaves in the cluster directory so the next start is not blocked:
 * a {@code postmaster.pid} naming a process that is no longer PostgreSQL (PostgreSQL refuses to
 * start while that PID is alive, and PIDs are reused quickly in containers), or a postmaster that
 * survived its JVM (pg_ctl daemonizes it) and still holds the cluster.
 *
 * <p>zonky keeps a file lock on {@code epg-lock} while its JVM uses the cluster: if that lock is held,
 * the cluster is in use by a live router and nothing is touched.
 */
final class StalePostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    static final String PID_FILE = "postmaster.pid";
    static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final long MAX_PID_FILE_BYTES = 4096;

    private StalePostmaster() {
    }

    /**
     * @throws ClusterInUseException when a live process holds the cluster
     */
    static void clear(Path cluster, Duration stopTimeout) throws IOException, ClusterInUseException {
        Path pidFile = cluster.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(cluster.resolve(ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new ClusterInUseException(cluster);
            }
            OptionalLong pid = readPid(pidFile);
            Optional<ProcessHandle> process = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
            if (process.isPresent() && process.get().isAlive() && isPostmasterOf(process.get(), cluster)) {
                stopOrphan(process.get(), stopTimeout);
            } else {
                LOG.info("Removing stale {} (PID {} is not a running PostgreSQL server of {})", pidFile,
                        pid.isPresent() ? String.valueOf(pid.getAsLong()) : "unreadable", cluster);
            }
            // PostgreSQL removes it on a clean stop; after a forced one it is stale by now.
            Files.deleteIfExists(pidFile);
        } catch (OverlappingFileLockException e) {
            throw new ClusterInUseException(cluster);
        }
    }

    private static void stopOrphan(ProcessHandle postmaster, Duration timeout) throws IOException {
        LOG.warn("PostgreSQL server PID {} still runs on {} after its router stopped without shutting it down;"
                + " stopping it", postmaster.pid(), postmaster.info().command().orElse("postgres"));
        // SIGTERM: PostgreSQL's "smart" shutdown; the dead JVM's connections are gone already.
        postmaster.destroy();
        if (!awaitExit(postmaster, timeout)) {
            LOG.warn("PostgreSQL server PID {} ignored SIGTERM for {} s, killing it", postmaster.pid(),
                    timeout.toSeconds());
            postmaster.destroyForcibly();
            if (!awaitExit(postmaster, timeout)) {
                throw new IOException("cannot stop the orphaned PostgreSQL server PID " + postmaster.pid()
                        + ": stop it by hand");
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** A PostgreSQL server started on this cluster, judged by its command line. */
    static boolean isPostmasterOf(ProcessHandle process, Path cluster) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty() || !Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return false;
        }
        // Arguments may be hidden for other users' processes; when visible they must name this cluster.
        List<String> arguments = info.arguments().map(List::of).orElse(List.of());
        return arguments.isEmpty() || arguments.stream().anyMatch(a -> a.equals(cluster.toString()));
    }

    private static OptionalLong readPid(Path pidFile) throws IOException {
        if (Files.size(pidFile) > MAX_PID_FILE_BYTES) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        try {
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The cluster is used by a running router (this JVM or another one). */
    static final class ClusterInUseException extends Exception {
        private static final long serialVersionUID = 1L;

        ClusterInUseException(Path cluster) {
            super("the PostgreSQL data directory " + cluster + " is in use by another running router"
                    + " (or another embedded server in this one): give each router its own dataDirectory");
        }
    }
}

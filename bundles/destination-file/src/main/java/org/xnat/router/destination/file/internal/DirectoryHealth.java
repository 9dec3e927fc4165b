package org.xnat.router.destination.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;

/** Whether a {@code file} destination can take data: the directory exists, a file can be created, space is left. */
final class DirectoryHealth {

    private static final long MB = 1024 * 1024;

    private final FileDestinationConfig config;

    DirectoryHealth(FileDestinationConfig config) {
        this.config = config;
    }

    /** With {@code create_path}, a missing directory is fine as long as the first delivery can create it. */
    private static HealthReport writableParent(Path root) {
        Path parent = root.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return HealthReport.up(root + " does not exist yet; it will be created under " + parent);
        }
        return HealthReport.down(root + " does not exist and cannot be created under " + parent);
    }

    HealthReport check() {
        Path root = config.root();
        if (!Files.exists(root)) {
            if (config.createRoot()) {
                return writableParent(root);
            }
            return HealthReport.down(root + " does not exist (not mounted?); create it or fix 'path'");
        }
        if (!Files.isDirectory(root)) {
            return HealthReport.down(root + " is not a directory; fix 'path'");
        }
        try {
            // a real write, because permission bits do not tell about read-only mounts, ACLs or quotas
            Path tmpDir = Files.createDirectories(root.resolve(FileDestination.TMP_DIR));
            Path probe = Files.createTempFile(tmpDir, "health-", ".part");
            Files.delete(probe);
        } catch (IOException e) {
            return HealthReport.down(root + " is not writable by the router: " + e);
        }
        long usable;
        try {
            usable = Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            return HealthReport.down("Cannot read the free space of " + root + ": " + e);
        }
        String space = (usable / MB) + " MB free";
        if (usable < config.minFreeBytes()) {
            return new HealthReport(HealthStatus.DEGRADED, root + " is writable but has only " + space
                    + " (min_free_mb is " + config.minFreeBytes() / MB + ")");
        }
        return HealthReport.up(root + " is writable, " + space);
    }
}

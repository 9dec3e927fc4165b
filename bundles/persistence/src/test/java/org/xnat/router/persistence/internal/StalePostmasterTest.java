package org.xnat.router.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePostmasterTest {

    @TempDir
    Path cluster;

    @Test
    void aPidFileOfAFinishedProcessIsRemoved() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(cluster.resolve(StalePostmaster.PID_FILE), finished.pid() + "\n" + cluster + "\n");
        StalePostmaster.clear(cluster, Duration.ofSeconds(1));
        assertThat(cluster.resolve(StalePostmaster.PID_FILE)).doesNotExist();
    }

    @Test
    void garbageInThePidFileIsTreatedAsStale() throws Exception {
        Files.writeString(cluster.resolve(StalePostmaster.PID_FILE), "not a pid\n");
        StalePostmaster.clear(cluster, Duration.ofSeconds(1));
        assertThat(cluster.resolve(StalePostmaster.PID_FILE)).doesNotExist();
    }

    @Test
    void aClusterLockedByALiveRouterIsLeftAlone() throws Exception {
        Files.writeString(cluster.resolve(StalePostmaster.PID_FILE), ProcessHandle.current().pid() + "\n");
        try (FileChannel channel = FileChannel.open(cluster.resolve(StalePostmaster.ZONKY_LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> StalePostmaster.clear(cluster, Duration.ofSeconds(1)))
                    .isInstanceOf(StalePostmaster.ClusterInUseException.class)
                    .hasMessageContaining("in use by another running router");
        }
        assertThat(cluster.resolve(StalePostmaster.PID_FILE)).exists();
    }

    @Test
    void onlyAPostgresProcessCountsAsAPostmaster() {
        assertThat(StalePostmaster.isPostmasterOf(ProcessHandle.current(), cluster)).isFalse();
    }
}

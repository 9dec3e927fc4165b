package org.xnat.router.routing.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fsync of a spooled file may run elsewhere, but awaiting it returns only once it ran, and reports its failure. */
class SpoolForceTest {

    @TempDir
    Path dir;

    @Test
    void awaitDurableWaitsForTheForceToRun() throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 0);
        List<Runnable> held = new ArrayList<>();
        Executor later = held::add;
        byte[] part10 = new byte[300];
        Spool.PendingFile f = spool.writePart10(new ByteArrayInputStream(part10), later);
        assertThat(f.file().size()).isEqualTo(300);
        assertThat(Files.size(f.file().path())).isEqualTo(300);
        assertThat(f.file().relativePath()).doesNotStartWith("tmp");

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                f.awaitDurable();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).as("not durable before the force ran").isNotDone();
        assertThat(held).hasSize(1);
        held.get(0).run();
        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailedForceIsReportedToTheWaiter() throws Exception {
        Spool spool = new Spool(dir.resolve("spool"), 0);
        List<Runnable> held = new ArrayList<>();
        Spool.PendingFile f = spool.writePart10(new ByteArrayInputStream(new byte[10]), held::add);
        Files.delete(f.file().path());
        held.get(0).run();
        assertThatThrownBy(f::awaitDurable).isInstanceOf(IOException.class);
    }
}

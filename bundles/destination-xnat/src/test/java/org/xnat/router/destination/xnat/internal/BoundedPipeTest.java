package org.xnat.router.destination.xnat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BoundedPipeTest {

    @Test
    void carriesEveryByteInOrderThroughASmallBuffer() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(1).nextBytes(data);
        BoundedPipe pipe = new BoundedPipe(4096, Duration.ofSeconds(5));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.output()) {
                for (int off = 0; off < data.length; off += 777) {
                    out.write(data, off, Math.min(777, data.length - off));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] read = pipe.input().readAllBytes();
        writer.get(5, TimeUnit.SECONDS);
        assertThat(read).isEqualTo(data);
    }

    @Test
    void aWriterFailureReachesTheReader() throws Exception {
        BoundedPipe pipe = new BoundedPipe(16, Duration.ofSeconds(5));
        pipe.output().write(new byte[] {1, 2, 3});
        pipe.fail(new IOException("disk gone"));
        InputStream in = pipe.input();
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("disk gone");
    }

    @Test
    void aStalledReaderFailsTheWriterAfterTheTimeout() {
        BoundedPipe pipe = new BoundedPipe(16, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> pipe.output().write(new byte[64])).isInstanceOf(IOException.class)
                .hasMessageContaining("stopped reading");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aStalledWriterFailsTheReaderAfterTheTimeout() {
        BoundedPipe pipe = new BoundedPipe(16, Duration.ofMillis(300));
        assertThatThrownBy(() -> pipe.input().read()).isInstanceOf(IOException.class).hasMessageContaining("timeout");
    }

    @Test
    void closingTheReaderReleasesABlockedWriter() throws Exception {
        BoundedPipe pipe = new BoundedPipe(16, Duration.ofSeconds(30));
        CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
            try {
                pipe.output().write(new byte[1024]);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        Thread.sleep(200);
        pipe.closeReader();
        assertThat(writer.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("ended by the HTTP side");
    }
}

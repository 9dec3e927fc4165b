package org.xnat.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the inputs the Part 10 fuzzer once crashed on ({@code src/test/resources/fuzz/regressions/part10-*.dcm}).
 * Each has a {@code .expected} file: first line {@code PARSED} or {@code REJECTED <message fragment>}, then
 * comments saying what the input broke.
 */
class Part10RegressionTest {

    private static ExecutorService worker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startWorker() {
        worker = Part10Target.newWorker();
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    static List<Path> crashers() throws Exception {
        try (Stream<Path> files = Files.list(regressions())) {
            List<Path> list = files.filter(f -> f.getFileName().toString().startsWith("part10-")
                    && f.getFileName().toString().endsWith(".dcm")).sorted().toList();
            assertThat(list).as("regression inputs").isNotEmpty();
            return list;
        }
    }

    private static Path regressions() throws URISyntaxException {
        return Path.of(Part10RegressionTest.class.getResource("/fuzz/regressions").toURI());
    }

    @ParameterizedTest
    @MethodSource("crashers")
    void formerCrasherEndsAsExpected(Path input) throws Exception {
        Path expectedFile = input.resolveSibling(input.getFileName().toString().replace(".dcm", ".expected"));
        String expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).get(0).strip();
        Part10Target.Outcome o = Part10Target.run(worker, Files.readAllBytes(input), tmp.resolve("in.dcm"), 2000);
        assertThat(o.verdict()).as(o.describe()).isIn(Part10Target.Verdict.PARSED, Part10Target.Verdict.REJECTED);
        String verdict = expected.split(" ", 2)[0];
        assertThat(o.verdict().name()).as(o.describe()).isEqualTo(verdict);
        if (expected.contains(" ")) {
            assertThat(o.error()).hasMessageContaining(expected.split(" ", 2)[1]);
        }
    }
}

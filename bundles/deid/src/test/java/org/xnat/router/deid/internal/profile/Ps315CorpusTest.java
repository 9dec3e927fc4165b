package org.xnat.router.deid.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.processor.DatasetProcessor;

/**
 * The profile over pydicom's test corpus, checked by an independent reader: pydicom (see
 * src/test/resources/verify_ps315.py) finds every X/Z/D/U attribute of Table E.1-1 removed, emptied or replaced,
 * no private element left and UIDs consistent across all files (MR_small*.dcm share one study).
 */
class Ps315CorpusTest {

    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path out;

    @Test
    void everyCorpusFileIsDeidentifiedAsPydicomChecksIt() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom corpus not installed");
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not installed");
        DatasetProcessor processor = new Ps315ProcessorFactory().create(new ComponentConfig("corpus", "ps315",
                Map.of("uid_key", "corpus-test-key")));
        List<String> args = new ArrayList<>();
        Path table = out.resolve("table.json");
        try (InputStream in = ProfileTable.class.getResourceAsStream("confidentiality_profile_attributes.json")) {
            Files.copy(in, table);
        }
        args.add(PYTHON.toString());
        args.add(Path.of("src/test/resources/verify_ps315.py").toAbsolutePath().toString());
        args.add(table.toString());
        int done = 0;
        int withPrivate = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        for (Path f : files) {
            Attributes ds;
            DicomReader reader;
            try {
                reader = DicomReader.open(f);
                ds = reader.readDataset();
                reader.close();
            } catch (IOException | RuntimeException unreadable) {
                continue; // truncated and broken corpus files: the reader's own tests cover them
            }
            if (Stream.of(ds.tags()).flatMapToInt(java.util.Arrays::stream).anyMatch(Tag::isPrivate)) {
                withPrivate++;
            }
            processor.process(ds, null);
            Path target = out.resolve(f.getFileName());
            try (DicomWriter w = DicomWriter.create(target)) {
                w.writeFileMetaInformation(FileMetaInformation.create(ds, reader.transferSyntax()));
                w.writeDataset(ds);
            }
            args.add(f.toString());
            args.add(target.toString());
            done++;
        }
        assertThat(done).as("corpus files de-identified").isGreaterThan(40);
        assertThat(withPrivate).as("corpus files with private elements").isGreaterThan(3);

        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("pydicom check finished").isTrue();
        assumeTrue(!report.contains("No module named 'pydicom'"), "pydicom not installed");
        System.out.println(report);
        assertThat(report).contains("checked " + done + " files");
        assertThat(p.exitValue()).as(report).isZero();
    }
}

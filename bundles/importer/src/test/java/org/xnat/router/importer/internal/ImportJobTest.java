package org.xnat.router.importer.internal;

import org.xnat.router.testing.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.config.internal.YamlConfigFiles;
import org.xnat.router.destination.file.internal.FileDestinationFactory;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportJob.StudyPreview;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.routing.internal.EngineSettings;
import org.xnat.router.routing.internal.RoutingEngine;
import org.xnat.router.routing.internal.tracking.TransferEvents;
import org.xnat.router.testing.Pydicom;

/**
 * Imports the mixed tree of the issue through a real routing engine (embedded PostgreSQL, durable spool, route
 * filters and validation, a real file destination): Part 10 files with and without preamble, bare data sets in
 * implicit and explicit VR (cut from pydicom's corpus by pydicom), files that are not DICOM, a truncated file,
 * hidden files and symbolic links out of the tree, in nested folders.
 */
class ImportJobTest {

    private static final String UID = "1.2.826.0.1.3680043.10.543.77.";
    private static final String ROUTE = "IMPORTER";

    @TempDir
    static Path dir;
    static TestDatabase db;
    private static int run;

    @BeforeAll
    static void database() throws Exception {
        Pydicom.assumeAvailable();
        assumeTrue(Corpus.dcmdumpInstalled(), "dcmtk not installed");
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        db.execute("TRUNCATE delivery_queue, transfer_instances, transfers, spool_files, audit_log, routes, destinations"
                + " RESTART IDENTITY CASCADE");
    }

    /** The tree: what each importable file came from, and what must never be imported. */
    record Tree(Path root, Map<Path, Path> importable, Path outsideFile) {
    }

    static Tree mixedTree(Path base) throws Exception {
        Path root = base.resolve("tree");
        Path src = base.resolve("sources");
        Map<Path, Path> importable = new LinkedHashMap<>();
        Path ct1 = Corpus.variant("CT_small.dcm", root.resolve("ct.dcm"), UID + "1");
        importable.put(ct1, ct1);
        Path mr = Corpus.variant("MR_small.dcm", root.resolve("a/mr.dcm"), UID + "2");
        importable.put(mr, mr);
        Path ct3 = Corpus.variant("CT_small.dcm", src.resolve("ct3.dcm"), UID + "3");
        importable.put(Corpus.bare(ct3, root.resolve("a/ct-bare")), ct3); // explicit VR little endian
        Path rtplan = Pydicom.corpus("rtplan.dcm");
        importable.put(Corpus.bare(rtplan, root.resolve("a/b/rtplan")), rtplan); // implicit VR little endian
        Path rtdose = Pydicom.corpus("rtdose.dcm");
        importable.put(Corpus.bare(rtdose, root.resolve("a/b/rtdose.raw")), rtdose); // filtered by the route
        Path mr4 = Corpus.variant("MR_small.dcm", src.resolve("mr4.dcm"), UID + "4");
        importable.put(Corpus.dropHead(mr4, 132, root.resolve("a/b/meta-only.dcm")), mr4);
        Path mr5 = Corpus.variant("MR_small.dcm", src.resolve("mr5.dcm"), UID + "5");
        importable.put(Corpus.dropHead(mr5, 128, root.resolve("a/b/dicm-at-0.dcm")), mr5);

        Files.writeString(root.resolve("notes.txt"), "not DICOM\n");
        byte[] noise = new byte[10_000];
        new Random(42).nextBytes(noise);
        noise[0] = 0x08; // starts like a group 0008 element
        noise[1] = 0x00;
        Files.write(root.resolve("a/random.bin"), noise);
        Path ct6 = Corpus.variant("CT_small.dcm", src.resolve("ct6.dcm"), UID + "6");
        byte[] whole = Files.readAllBytes(ct6);
        Files.write(root.resolve("a/b/truncated.dcm"), java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        Files.copy(Pydicom.corpus("ExplVR_BigEnd.dcm"), root.resolve("bigend.dcm")); // no PatientID: rejected

        Corpus.variant("CT_small.dcm", root.resolve(".hidden.dcm"), UID + "7");
        Corpus.variant("CT_small.dcm", root.resolve(".cache/x.dcm"), UID + "8");
        Path outside = Corpus.variant("CT_small.dcm", base.resolve("outside/ct.dcm"), UID + "9");
        Files.createSymbolicLink(root.resolve("outside-link.dcm"), outside);
        Files.createSymbolicLink(root.resolve("a/linkdir"), outside.getParent());
        return new Tree(root, importable, outside);
    }

    private static String yaml(Path out) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return """
                destinations:
                  files:
                    type: file
                    path: %s
                    directory_pattern: "{StudyInstanceUID}"
                routes:
                  - ae_title: %s
                    port: %d
                    study_timeout_seconds: 1
                    destinations: [files]
                    filters:
                      - name: no dose
                        tag: Modality
                        value: RTDOSE
                        action: exclude
                    validation_rules:
                      - name: patient id
                        type: required_tag
                        tag: PatientID
                """.formatted(out, ROUTE, port);
    }

    /** A routing engine, as the routing bundle's tests build it, and an import manager on it. */
    record Router(RoutingEngine engine, ImportManager imports, List<ImportJob> audited) implements AutoCloseable {
        @Override
        public void close() {
            imports.close();
            engine.close();
        }
    }

    static Router router(Path base, Path out, ImportSettings settings) throws Exception {
        RoutingEngine engine = new RoutingEngine(db.dataSource(), new EngineSettings(base.resolve("spool"), 0,
                "127.0.0.1", "import-test", Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMillis(200), 50),
                new TransferEvents());
        engine.start(new YamlConfigFiles().read(yaml(out), "test.yaml", Map.of()).config());
        engine.addFactory(new FileDestinationFactory(), Map.of(DestinationFactory.TYPE_PROPERTY, "file"));
        List<ImportJob> audited = new CopyOnWriteArrayList<>();
        SqlJobAudit sql = new SqlJobAudit(db.dataSource());
        ImportManager manager = new ImportManager(engine, engine, settings, job -> {
            sql.finished(job);
            audited.add(job);
        });
        return new Router(engine, manager, audited);
    }

    static ImportJob await(ImportManager m, String id) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            ImportJob j = m.job(id).orElseThrow();
            if (j.finished()) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish: " + m.job(id));
    }

    private static Path fresh(String name) {
        return dir.resolve(name + "-" + (++run));
    }

    @Test
    void importsTheMixedTreeWithExactCountsAndDeliversEqualDataSets() throws Exception {
        Path base = fresh("import");
        Tree tree = mixedTree(base);
        Path out = base.resolve("delivered");
        try (Router r = router(base, out, ImportSettings.defaults(List.of()))) {
            ImportJob started = r.imports().start(new ImportRequest(tree.root(), "importer", true, false, false,
                    "test"));
            ImportJob job = await(r.imports(), started.id());

            assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
            assertThat(job.request().routeAeTitle()).isEqualTo(ROUTE);
            assertThat(job.filesTotal()).as("11 visible regular files; hidden ones and links out of the tree not")
                    .isEqualTo(11);
            assertThat(job.filesDone()).isEqualTo(11);
            assertThat(job.imported()).as("imported").isEqualTo(7);
            assertThat(job.filtered()).as("filtered (the RTDOSE)").isEqualTo(1);
            assertThat(job.skipped()).as("skipped (not DICOM)").isEqualTo(2);
            assertThat(job.failed()).as("failed: truncated, rejected").isEqualTo(2);
            assertThat(job.bytesDone()).isEqualTo(job.bytesTotal()).isEqualTo(sizeOfVisibleFiles(tree.root()));
            Map<String, String> errors = job.errors().stream()
                    .collect(Collectors.toMap(e -> Path.of(e.path()).getFileName().toString(), ImportJob.ImportError::reason));
            assertThat(errors).containsOnlyKeys("truncated.dcm", "bigend.dcm");
            assertThat(errors.get("truncated.dcm")).contains("truncated");
            assertThat(errors.get("bigend.dcm")).startsWith("rejected by the route");

            assertPreview(job, tree);

            // the six routed instances arrive; each is the data set that was in the tree
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (files(out).size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Path> delivered = files(out);
            assertThat(delivered).hasSize(6);
            Map<String, Path> bySop = new HashMap<>();
            tree.importable().values().forEach(p -> bySop.put(sop(p), p));
            Set<String> arrived = new TreeSet<>();
            for (Path d : delivered) {
                String sop = sop(d);
                arrived.add(sop);
                assertThat(bySop).as("delivered %s was imported", d).containsKey(sop);
                assertThat(Corpus.datasetDump(d)).as("data set of %s", d).isEqualTo(Corpus.datasetDump(bySop.get(sop)));
            }
            assertThat(arrived).doesNotContain(sop(Pydicom.corpus("rtdose.dcm")));

            // without --move the tree is untouched
            for (Path p : tree.importable().keySet()) {
                assertThat(p).exists();
            }
            assertThat(db.count("SELECT count(*) FROM spool_files WHERE source = 'import' AND status = 'ROUTED'"))
                    .isEqualTo(6);
            assertThat(db.count("SELECT count(*) FROM spool_files WHERE source = 'import' AND status = 'REJECTED'"))
                    .as("the router records the filtered and the rejected instance").isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'import.run' AND target_id = ?"
                    + " AND actor = 'test' AND (detail->>'imported')::int = 7 AND (detail->>'failed')::int = 2"
                    + " AND (detail->>'skipped')::int = 2 AND (detail->>'filtered')::int = 1", job.id())).isEqualTo(1);
            assertThat(r.imports().jobs()).extracting(ImportJob::id).containsExactly(job.id());
        }
    }

    @Test
    void moveDeletesExactlyTheImportedFiles() throws Exception {
        Path base = fresh("move");
        Tree tree = mixedTree(base);
        Set<String> before = relativeFiles(tree.root());
        try (Router r = router(base, base.resolve("delivered"), ImportSettings.defaults(List.of()))) {
            ImportJob job = await(r.imports(), r.imports().start(new ImportRequest(tree.root(), ROUTE, true, true,
                    false, "test")).id());
            assertThat(job.state()).isEqualTo(ImportJob.State.DONE);
            assertThat(job.imported()).isEqualTo(7);
            assertThat(job.failed()).isEqualTo(2);
        }
        Set<String> expected = new TreeSet<>(before);
        tree.importable().keySet().forEach(p -> expected.remove(tree.root().relativize(p).toString()));
        assertThat(relativeFiles(tree.root())).as("left: not DICOM, failed, hidden, links")
                .isEqualTo(expected)
                .containsExactlyInAnyOrder("notes.txt", "a/random.bin", "a/b/truncated.dcm", "bigend.dcm",
                        ".hidden.dcm", ".cache/x.dcm", "outside-link.dcm", "a/linkdir");
        assertThat(tree.outsideFile()).exists();
    }

    @Test
    void dryRunAndScanIngestNothingAndPreviewTheStudies() throws Exception {
        Path base = fresh("dry");
        Tree tree = mixedTree(base);
        try (Router r = router(base, base.resolve("delivered"), ImportSettings.defaults(List.of()))) {
            ImportJob job = await(r.imports(), r.imports().start(new ImportRequest(tree.root(), ROUTE, true, true,
                    true, "test")).id());
            ImportJob scan = r.imports().scan(tree.root(), true);
            for (ImportJob j : List.of(job, scan)) {
                assertThat(j.state()).isEqualTo(ImportJob.State.DONE);
                assertThat(j.filesTotal()).isEqualTo(11);
                assertThat(j.imported()).as("readable DICOM instances").isEqualTo(8);
                assertThat(j.skipped()).isEqualTo(2);
                assertThat(j.failed()).as("only the truncated file").isEqualTo(1);
                assertPreview(j, tree);
            }
            ImportJob flat = r.imports().scan(tree.root(), false);
            assertThat(flat.filesTotal()).as("ct.dcm, notes.txt, bigend.dcm").isEqualTo(3);
            assertThat(flat.studies()).hasSize(2);
        }
        assertThat(db.count("SELECT count(*) FROM spool_files")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'import.dry_run'")).isEqualTo(1);
        for (Path p : tree.importable().keySet()) {
            assertThat(p).as("a dry run with --move deletes nothing").exists();
        }
    }

    /** The preview: one entry per study, with pydicom's values, counts and sizes. */
    private static void assertPreview(ImportJob job, Tree tree) throws Exception {
        Map<String, List<Path>> byStudy = new HashMap<>();
        Map<Path, Path> readable = new LinkedHashMap<>(tree.importable());
        readable.put(tree.root().resolve("bigend.dcm"), Pydicom.corpus("ExplVR_BigEnd.dcm"));
        readable.forEach((inTree, original) -> byStudy.computeIfAbsent(study(original), k -> new java.util.ArrayList<>())
                .add(inTree));
        // the preview lists every readable DICOM file, also the one the route then rejects
        assertThat(job.studies()).extracting(StudyPreview::studyInstanceUid)
                .containsExactlyInAnyOrderElementsOf(byStudy.keySet());
        for (StudyPreview s : job.studies()) {
            List<Path> files = byStudy.get(s.studyInstanceUid());
            Path original = readable.get(files.get(0));
            Map<String, String> v = Pydicom.read(original, "PatientID", "PatientName", "StudyDate", "StudyDescription",
                    "Modality");
            assertThat(s.instances()).isEqualTo(files.size());
            assertThat(s.bytes()).isEqualTo(files.stream().mapToLong(ImportJobTest::size).sum());
            assertThat(s.patientId()).isEqualTo(v.get("PatientID"));
            assertThat(s.patientName()).isEqualTo(v.get("PatientName"));
            assertThat(s.studyDate()).isEqualTo(v.get("StudyDate"));
            assertThat(s.studyDescription()).isEqualTo(v.get("StudyDescription"));
            assertThat(s.modalities()).containsExactly(v.get("Modality"));
        }
    }

    private static String sop(Path p) {
        try {
            return Pydicom.read(p, "SOPInstanceUID").get("SOPInstanceUID");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String study(Path p) {
        try {
            return Pydicom.read(p, "StudyInstanceUID").get("StudyInstanceUID");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> files(Path root) throws java.io.IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static long sizeOfVisibleFiles(Path root) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !root.relativize(p).toString().startsWith("."))
                    .mapToLong(ImportJobTest::size).sum();
        }
    }

    /** Every entry that is not a directory (links included, not followed), relative to the root. */
    private static Set<String> relativeFiles(Path root) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

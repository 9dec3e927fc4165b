package org.xnat.router.routing.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;

/** dcmtk peers, test data and waiting helpers. */
final class Peers {

    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private Peers() {
    }

    static void assumeTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                found = true;
            }
        }
        Assumptions.assumeTrue(found, tool + " (dcmtk) is not installed");
        Assumptions.assumeTrue(Files.isDirectory(CORPUS), "pydicom's test files are not installed");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ProcessBuilder dcmtk(String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TCP_NODELAY", "1");
        pb.redirectErrorStream(true);
        return pb;
    }

    /** Starts storescp writing into {@code dir}. */
    static Process storescp(String aeTitle, int port, Path dir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = dcmtk("storescp", "-aet", aeTitle, "-od", dir.toString(), "--fork", String.valueOf(port))
                .redirectOutput(log.toFile()).start();
        await(() -> { // listening once a connection succeeds
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, 10_000, "storescp on port " + port);
        return p;
    }

    /** Runs storescu (verbose) and returns its output. */
    static String storescu(String calledAe, int port, List<Path> files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "SENDER", "-aec", calledAe, "127.0.0.1",
                String.valueOf(port)));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = dcmtk(cmd.toArray(String[]::new)).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("storescu did not finish in 60 s:\n" + out);
        }
        return out;
    }

    /** dcmdump of the data set only (File Meta Information left out), every value printed in full. */
    static String datasetDump(Path file) throws IOException, InterruptedException {
        Process p = dcmtk("dcmdump", "-q", "+L", "+M", file.toString()).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor(30, TimeUnit.SECONDS);
        StringBuilder ds = new StringBuilder();
        boolean inDataset = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("# Dicom-Data-Set")) {
                inDataset = true;
                continue;
            }
            // Data Set Trailing Padding (FFFC,FFFC) is not sent by storescu, so it cannot arrive anywhere
            if (inDataset && !line.startsWith("# Used TransferSyntax") && !line.startsWith("(fffc,fffc)")) {
                ds.append(line).append('\n');
            }
        }
        if (!inDataset) {
            throw new IOException("dcmdump printed no data set for " + file + ":\n" + out);
        }
        return ds.toString();
    }

    /** Fails with the differing dcmdump lines (cut to 160 characters) unless both data sets dump the same. */
    static void assertSameDataset(Path actual, Path expected) throws IOException, InterruptedException {
        List<String> a = List.of(datasetDump(actual).split("\n"));
        List<String> e = List.of(datasetDump(expected).split("\n"));
        if (a.equals(e)) {
            return;
        }
        StringBuilder diff = new StringBuilder("data set of " + actual + " differs from " + expected + ":\n");
        for (String line : e) {
            if (!a.contains(line)) {
                diff.append("- ").append(line, 0, Math.min(160, line.length())).append('\n');
            }
        }
        for (String line : a) {
            if (!e.contains(line)) {
                diff.append("+ ").append(line, 0, Math.min(160, line.length())).append('\n');
            }
        }
        throw new AssertionError(diff.toString());
    }

    /** A copy of a corpus file with new SOP Instance UID (and optionally study), as a Part 10 file. */
    static Path variant(Path source, Path target, String sopInstanceUid, String studyUid) throws IOException {
        Attributes fmi;
        Attributes ds;
        try (DicomReader r = DicomReader.open(source)) {
            fmi = r.fileMetaInformation();
            ds = r.readDataset();
        }
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        if (studyUid != null) {
            ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        }
        Attributes meta = FileMetaInformation.create(ds.getString(Tag.SOPClassUID), sopInstanceUid,
                fmi.getString(Tag.TransferSyntaxUID));
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target); DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(meta);
            w.writeDataset(ds);
        }
        return target;
    }

    static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".router-tmp")).sorted().toList();
        }
    }
}

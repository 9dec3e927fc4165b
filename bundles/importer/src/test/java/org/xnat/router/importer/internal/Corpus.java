package org.xnat.router.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.xnat.router.testing.Pydicom;

/** Test files made by pydicom and dcmtk (independent of the code under test). */
final class Corpus {

    private Corpus() {
    }

    /** A pydicom corpus file copied with a new SOP Instance UID. */
    static Path variant(String corpusName, Path target, String sopInstanceUid) throws Exception {
        Files.createDirectories(target.getParent());
        Pydicom.rewrite(Pydicom.corpus(corpusName), target, Map.of("SOPInstanceUID", "'" + sopInstanceUid + "'"));
        return target;
    }

    /** The data set of a Part 10 file alone, byte-exact (no preamble, no File Meta Information), cut by pydicom. */
    static Path bare(Path part10, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        String script = "import sys\nfrom pydicom import filereader\n"
                + "f=open(sys.argv[1],'rb')\nfilereader.read_preamble(f,False)\nfilereader._read_file_meta_info(f)\n"
                + "open(sys.argv[2],'wb').write(f.read())\n";
        run(List.of(Pydicom.PYTHON.toString(), "-c", script, part10.toString(), target.toString()));
        return target;
    }

    /** The file without its first {@code n} bytes (128: "DICM" at offset 0; 132: meta information at offset 0). */
    static Path dropHead(Path part10, int n, Path target) throws IOException {
        byte[] all = Files.readAllBytes(part10);
        Files.createDirectories(target.getParent());
        Files.write(target, java.util.Arrays.copyOfRange(all, n, all.length));
        return target;
    }

    /** dcmdump of the data set only (File Meta Information left out), every value printed in full. */
    static String datasetDump(Path file) throws Exception {
        String out = run(List.of("dcmdump", "-q", "+L", "+M", file.toString()));
        StringBuilder ds = new StringBuilder();
        boolean inDataset = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("# Dicom-Data-Set")) {
                inDataset = true;
                continue;
            }
            if (inDataset && !line.startsWith("# Used TransferSyntax")) {
                ds.append(line).append('\n');
            }
        }
        if (!inDataset) {
            throw new IOException("dcmdump printed no data set for " + file + ":\n" + out);
        }
        return ds.toString();
    }

    static boolean dcmdumpInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dcmdump"))) {
                return true;
            }
        }
        return false;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }
}

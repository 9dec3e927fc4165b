package org.xnat.router.examples.dicomjson.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** pydicom as an independent reader of DICOM files and DICOM JSON: expectations come from it, not from us. */
final class Pydicom {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    /**
     * Reads the Part 10 file argv[1] and the JSON argv[2] (bulk data URIs resolved against the JSON's
     * directory) and prints every difference of the dataset (group 0002 and the (0008,3002) the destination
     * may add left out), then "DONE". Person names are compared without trailing empty components, which
     * PS3.5 6.2.1 calls insignificant; FL values as float32; binary values of a big endian source swapped to the little endian order of DICOM JSON.
     */
    private static final String COMPARE = String.join("\n",
            "import sys, os, json, struct, warnings, pydicom",
            "from pydicom.dataset import Dataset",
            "warnings.simplefilter('ignore')",
            "src = pydicom.dcmread(sys.argv[1])",
            "base = os.path.dirname(sys.argv[2])",
            "def bulk(tag, vr, uri):",
            "    with open(os.path.join(base, uri), 'rb') as f:",
            "        return f.read()",
            "with open(sys.argv[2], encoding='utf-8') as f:",
            "    out = Dataset.from_json(json.load(f), bulk)",
            "SWAP = {'OW': 2, 'OF': 4, 'OL': 4, 'OD': 8, 'OV': 8}",
            "def norm(e, source=False):",
            "    v = e.value",
            "    if source and not src.is_little_endian and e.VR in SWAP and isinstance(v, bytes):",  // JSON bulk data is little endian
            "        u = SWAP[e.VR]",
            "        return b''.join(v[i:i + u][::-1] for i in range(0, len(v), u))",
            "    if e.VR == 'PN':",
            "        vs = v if isinstance(v, pydicom.multival.MultiValue) else [v]",
            "        return [str(x).rstrip('^') for x in vs]",
            "    if e.VR == 'SQ':",
            "        return None",
            "    if e.VR == 'FL':",  // JSON holds the shortest decimal that reads back as the same float32
            "        vs = v if isinstance(v, pydicom.multival.MultiValue) else [v]",
            "        return [struct.pack('<f', x) for x in vs]",
            "    return v",
            "def compare(a, b, path):",
            "    for e in a:",
            "        if e.tag.group == 2 or e.tag == 0x00083002:",
            "            continue",
            "        if e.tag not in b:",
            "            print('missing', path, e.tag); continue",
            "        f = b[e.tag]",
            "        if e.VR == 'SQ':",
            "            if len(e.value) != len(f.value):",
            "                print('items', path, e.tag, len(e.value), len(f.value)); continue",
            "            for i, (x, y) in enumerate(zip(e.value, f.value)):",
            "                compare(x, y, path + str(e.tag) + '[' + str(i) + ']')",
            "        elif norm(e, True) != norm(f):",
            "            print('differs', path, e.tag, e.VR, repr(norm(e, True))[:80], repr(norm(f))[:80])",
            "compare(src, out, '')",
            "print('DONE')");

    private Pydicom() {
    }

    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(CORPUS), "pydicom (python3-pydicom) not installed");
    }

    static Path corpus(String name) {
        return CORPUS.resolve(name);
    }

    /** The differences pydicom sees between a Part 10 file and our JSON of it; empty when equal. */
    static List<String> differences(Path part10, Path json) throws Exception {
        String out = run(List.of(PYTHON.toString(), "-c", COMPARE, part10.toString(), json.toString()));
        List<String> lines = new ArrayList<>(out.lines().toList());
        if (lines.isEmpty() || !lines.get(lines.size() - 1).equals("DONE")) {
            throw new AssertionError("pydicom comparison did not finish:\n" + out);
        }
        lines.remove(lines.size() - 1);
        return lines;
    }

    /** A value as pydicom holds it, written raw into a file (for encapsulated pixel data: the item stream). */
    static byte[] rawValue(Path part10, String keyword) throws Exception {
        Path out = Files.createTempFile("pydicom-", ".bin");
        try {
            run(List.of(PYTHON.toString(), "-c", "import sys,pydicom\nds=pydicom.dcmread(sys.argv[1])\n"
                    + "open(sys.argv[3],'wb').write(ds[sys.argv[2]].value)", part10.toString(), keyword, out.toString()));
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Writes a copy of {@code source} with some attributes replaced (Python literals as values). */
    static void rewrite(Path source, Path target, String assignments) throws Exception {
        run(List.of(PYTHON.toString(), "-c", "import sys,pydicom,warnings\nwarnings.simplefilter('ignore')\n"
                + "ds=pydicom.dcmread(sys.argv[1])\n" + assignments + "\nds.save_as(sys.argv[2])",
                source.toString(), target.toString()));
    }

    static String read(Path file, String keyword) throws Exception {
        return run(List.of(PYTHON.toString(), "-c", "import sys,pydicom\nprint(pydicom.dcmread(sys.argv[1])[sys.argv[2]].value)",
                file.toString(), keyword)).strip();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python did not finish: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("python failed (" + p.exitValue() + "):\n" + out);
        }
        return out;
    }
}

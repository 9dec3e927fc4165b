package org.xnat.router.destination.dicom.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** pydicom as an independent reader of test data: expected values come from it, not from the code under test. */
final class Pydicom {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private Pydicom() {
    }

    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(CORPUS), "pydicom (python3-pydicom) not installed");
    }

    static Path corpus(String name) {
        return CORPUS.resolve(name);
    }

    /** SOPClassUID, SOPInstanceUID, TransferSyntaxUID and the Media Storage UIDs of a Part 10 file. */
    static Map<String, String> uids(Path file) throws Exception {
        String script = "import pydicom,sys\n"
                + "ds=pydicom.dcmread(sys.argv[1],stop_before_pixels=True)\n"
                + "print('SOPClassUID='+ds.SOPClassUID)\n"
                + "print('SOPInstanceUID='+ds.SOPInstanceUID)\n"
                + "print('TransferSyntaxUID='+ds.file_meta.TransferSyntaxUID)\n"
                + "print('MediaStorageSOPClassUID='+ds.file_meta.MediaStorageSOPClassUID)\n"
                + "print('MediaStorageSOPInstanceUID='+ds.file_meta.MediaStorageSOPInstanceUID)\n";
        return keyValues(run(List.of(PYTHON.toString(), "-c", script, file.toString())));
    }

    /**
     * Whether two files hold the same data set, element by element (values and VRs as pydicom reads them),
     * whatever their transfer syntaxes; prints the first difference, or "same".
     */
    static String compareDatasets(Path a, Path b) throws Exception {
        String script = "import pydicom,sys,warnings\nwarnings.simplefilter('ignore')\n"
                + "x=pydicom.dcmread(sys.argv[1]); y=pydicom.dcmread(sys.argv[2])\n"
                + "def walk(p,q,path):\n"
                + "  if sorted(p.keys())!=sorted(q.keys()): return path+': tags differ '+str(sorted(set(p.keys())^set(q.keys())))\n"
                + "  for t in p.keys():\n"
                + "    e=p[t]; f=q[t]\n"
                + "    if e.VR=='SQ':\n"
                + "      if len(e.value)!=len(f.value): return path+str(t)+': item count differs'\n"
                + "      for i,(u,v) in enumerate(zip(e.value,f.value)):\n"
                + "        r=walk(u,v,path+str(t)+'['+str(i)+'].')\n"
                + "        if r: return r\n"
                + "    elif e.value!=f.value: return path+str(t)+': '+repr(e.value)[:80]+' != '+repr(f.value)[:80]\n"
                + "  return None\n"
                + "r=walk(x,y,'')\n"
                + "print(r or 'same')\n";
        return run(List.of(PYTHON.toString(), "-c", script, a.toString(), b.toString())).strip();
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python3 timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("python3 failed: " + text);
        }
        return text;
    }
}

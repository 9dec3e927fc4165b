package org.xnat.router.testing;

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

/**
 * pydicom as an independent reader and writer of test data: expected values come from it, not from the
 * code under test.
 */
public final class Pydicom {

    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private Pydicom() {
    }

    public static void assumeAvailable() {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(CORPUS), "pydicom (python3-pydicom) not installed");
    }

    public static Path corpus(String name) {
        return CORPUS.resolve(name);
    }

    /** The values of the given attributes by keyword ("" when absent). */
    public static Map<String, String> read(Path file, String... keywords) throws Exception {
        String script = "import pydicom,sys\n"
                + "ds=pydicom.dcmread(sys.argv[1],stop_before_pixels=True)\n"
                + "for k in sys.argv[2:]:\n"
                + "  v=ds.get(k)\n"
                + "  print(k+'='+('' if v is None else str(v)))\n";
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script, file.toString()));
        cmd.addAll(List.of(keywords));
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : run(cmd).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** Writes a copy of {@code source} with some attributes replaced (Python string literals as values). */
    public static void rewrite(Path source, Path target, Map<String, String> pythonLiterals) throws Exception {
        StringBuilder script = new StringBuilder("import pydicom,sys,warnings\nwarnings.simplefilter('ignore')\n"
                + "ds=pydicom.dcmread(sys.argv[1])\n");
        pythonLiterals.forEach((k, v) -> script.append("ds.").append(k).append('=').append(v).append('\n'));
        script.append("ds.save_as(sys.argv[2])\n");
        run(List.of(PYTHON.toString(), "-c", script.toString(), source.toString(), target.toString()));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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

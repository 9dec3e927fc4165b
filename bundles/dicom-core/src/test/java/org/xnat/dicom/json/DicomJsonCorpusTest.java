package org.xnat.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.BulkDataReference;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.io.DicomReader;

/**
 * Part 10 files from pydicom's corpus, read with {@link DicomReader}: (1) file → JSON → Attributes
 * gives the original back, except what JSON cannot carry (see {@link #assertSameContent}); (2) our
 * JSON says the same as dcmtk's {@code dcm2json} (same keys, VRs and values).
 */
class DicomJsonCorpusTest {

    private static final Path DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data");

    private static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("test_files", "charset_files")) {
            Path d = DATA.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }

    private static Attributes read(Path file) {
        try (DicomReader r = DicomReader.open(file)) {
            return r.readDataset();
        } catch (IOException | RuntimeException e) {
            return null; // the corpus holds deliberately broken files; the reader's tests cover them
        }
    }

    private static final DicomJsonWriter.Options WITH_URIS = DicomJsonWriter.Options.defaults()
            .withBulkData(Long.MAX_VALUE, (item, tag, vr, v) -> v instanceof Fragments ? "urn:fragments:" + tag : null);

    @Test
    void partTenFilesRoundTripThroughJson() throws IOException {
        List<Path> files = corpus();
        assumeTrue(!files.isEmpty(), "pydicom corpus not installed");
        int done = 0;
        for (Path file : files) {
            Attributes original = read(file);
            if (original == null) {
                continue;
            }
            String json = DicomJsonWriter.toJson(original, WITH_URIS);
            Attributes back = DicomJsonReader.parse(json);
            assertSameContent(file.getFileName().toString(), original, back);
            // Writing what was read gives the same JSON again.
            String again = DicomJsonWriter.toJson(back, WITH_URIS);
            int diff = firstDifference(json, again);
            assertThat(diff).as(file + ": JSON of the read-back dataset differs at " + diff + ": "
                    + excerpt(json, diff) + " vs " + excerpt(again, diff)).isEqualTo(-1);
            done++;
        }
        assertThat(done).isGreaterThan(40);
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return a.length() == b.length() ? -1 : n;
    }

    private static String excerpt(String s, int at) {
        return at < 0 ? "" : s.substring(Math.max(0, at - 60), Math.min(s.length(), at + 60));
    }

    /**
     * Equal except: leading/trailing spaces of string values and trailing empty PN components and
     * groups (insignificant, not in JSON), DS/IS
     * text compared as numbers ("+1" becomes 1), group lengths (not in the model), encapsulated
     * pixel data (only as a BulkDataURI) and bulk data references (a URI; JSON has no byte order flag
     * for non-file URIs).
     */
    private static void assertSameContent(String where, Attributes a, Attributes b) {
        List<Integer> expectedTags = new ArrayList<>();
        for (int t : a.tags()) {
            if (Tag.element(t) != 0) {
                expectedTags.add(t);
            }
        }
        assertThat(b.tags()).as(where).containsExactly(expectedTags.stream().mapToInt(Integer::intValue).toArray());
        for (int t : expectedTags) {
            String at = where + " " + Tag.toString(t);
            VR vr = a.getVR(t);
            assertThat(b.getVR(t)).as(at).isEqualTo(vr);
            Object va = a.getValue(t);
            Object vb = b.getValue(t);
            if (va instanceof Sequence sa) {
                Sequence sb = (Sequence) vb;
                assertThat(sb.size()).as(at).isEqualTo(sa.size());
                for (int i = 0; i < sa.size(); i++) {
                    assertSameContent(at + "[" + i + "]", sa.get(i), sb.get(i));
                }
            } else if (va instanceof Fragments) {
                assertThat(vb).as(at).isInstanceOf(BulkDataReference.class);
            } else if (vr == VR.DS || vr == VR.IS) {
                String[] x = a.getStrings(t);
                String[] y = b.getStrings(t);
                assertThat(y).as(at).hasSameSizeAs(x);
                for (int i = 0; i < x.length; i++) {
                    BigDecimal nx = number(x[i]);
                    if (nx == null) { // not a number: written as a JSON string, read back as is
                        assertThat(y[i]).as(at).isEqualTo(x[i]);
                    } else {
                        assertThat(new BigDecimal(y[i])).as(at).isEqualByComparingTo(nx);
                    }
                }
            } else if (vr == VR.PN) {
                assertThat(personNames(b.getStrings(t))).as(at).isEqualTo(personNames(a.getStrings(t)));
            } else if (vr.isString()) {
                assertThat(b.getStrings(t)).as(at).isEqualTo(a.getStrings(t));
            } else {
                assertThat((byte[]) vb).as(at).isEqualTo((byte[]) va);
            }
        }
    }

    private static List<String> personNames(String[] values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(v.replaceAll("[\\^= ]+$", "").replaceAll("\\^+=", "="));
        }
        return out.stream().allMatch(String::isEmpty) ? List.of() : out;
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Test
    void saysTheSameAsDcm2json() throws Exception {
        assumeTrue(onPath("dcm2json"), "dcmtk not installed");
        List<Path> files = corpus();
        assumeTrue(!files.isEmpty(), "pydicom corpus not installed");
        List<String> compared = new ArrayList<>();
        for (Path file : files) {
            Attributes attrs = read(file);
            if (attrs == null) {
                continue;
            }
            String theirs = dcm2json(file);
            if (theirs == null) {
                continue; // dcmtk refused the file (iconv lacks ISO 2022 IR 87, broken files)
            }
            Object ours = JsonTree.parse(DicomJsonWriter.toJson(attrs, WITH_URIS));
            compareDataset(file.getFileName().toString(), ours, JsonTree.parse(theirs));
            compared.add(file.getFileName().toString());
        }
        assertThat(compared).contains("CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "rtstruct.dcm", "chrX1.dcm",
                "chrX2.dcm", "chrI2.dcm", "chrGreek.dcm", "nested_priv_SQ.dcm");
        assertThat(compared.size()).isGreaterThan(30);
    }

    @SuppressWarnings("unchecked")
    private static void compareDataset(String where, Object oursObj, Object theirsObj) {
        Map<String, Object> ours = (Map<String, Object>) oursObj;
        Map<String, Object> theirs = (Map<String, Object>) theirsObj;
        assertThat(new TreeSet<>(ours.keySet())).as(where).isEqualTo(new TreeSet<>(theirs.keySet()));
        for (String key : ours.keySet()) {
            String at = where + " " + key;
            Map<String, Object> o = (Map<String, Object>) ours.get(key);
            Map<String, Object> t = (Map<String, Object>) theirs.get(key);
            assertThat(o.get("vr")).as(at).isEqualTo(t.get("vr"));
            if (key.equals("00080005")) {
                continue; // dcm2json converts to UTF-8 and says so; we keep the declared term
            }
            if (o.containsKey("BulkDataURI")) {
                continue; // encapsulated pixel data: dcm2json inlines the fragments' bytes
            }
            if (o.containsKey("InlineBinary") || t.containsKey("InlineBinary")) {
                byte[] x = Base64.getDecoder().decode((String) o.get("InlineBinary"));
                byte[] y = Base64.getDecoder().decode((String) t.get("InlineBinary"));
                if (x.length % 2 == 1 && y.length == x.length + 1) {
                    y = java.util.Arrays.copyOf(y, x.length); // dcmtk pads odd (malformed) values
                }
                assertThat(x).as(at).isEqualTo(y);
                continue;
            }
            List<Object> ov = (List<Object>) o.get("Value");
            List<Object> tv = (List<Object>) t.get("Value");
            if ("SQ".equals(o.get("vr"))) {
                ov = ov == null ? List.of() : ov;
                tv = tv == null ? List.of() : tv;
                assertThat(ov).as(at).hasSameSizeAs(tv);
                for (int i = 0; i < ov.size(); i++) {
                    compareDataset(at + "[" + i + "]", ov.get(i), tv.get(i));
                }
                continue;
            }
            if ("FL".equals(o.get("vr")) || "FD".equals(o.get("vr"))) {
                // dcm2json prints fewer digits than needed to restore the binary value; we print
                // the shortest exact form. Same values within dcmtk's precision.
                ov = ov == null ? List.of() : ov;
                tv = tv == null ? List.of() : tv;
                assertThat(ov).as(at).hasSameSizeAs(tv);
                for (int i = 0; i < ov.size(); i++) {
                    double x = ((BigDecimal) ov.get(i)).doubleValue();
                    double y = ((BigDecimal) tv.get(i)).doubleValue();
                    assertThat(x).as(at).isCloseTo(y, org.assertj.core.data.Offset.offset(Math.abs(y) * 1e-6 + 1e-30));
                }
                continue;
            }
            assertThat(normalize(ov)).as(at).isEqualTo(normalize(tv));
        }
    }

    /** Numbers by value; PN objects without empty groups; strings as they are; "no Value" = all empty. */
    @SuppressWarnings("unchecked")
    private static List<Object> normalize(List<Object> values) {
        List<Object> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (Object v : values) {
            if (v instanceof BigDecimal d) {
                out.add(d.stripTrailingZeros().toPlainString());
            } else if (v instanceof Map<?, ?> m) {
                Map<String, Object> pn = new java.util.TreeMap<>((Map<String, Object>) m);
                pn.values().removeIf(x -> x == null || "".equals(x));
                out.add(pn.isEmpty() ? null : pn);
            } else {
                out.add(v);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1) == null && out.stream().allMatch(x -> x == null)) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String dcm2json(Path file) throws Exception {
        Path outFile = Files.createTempFile("dcm2json", ".json");
        try {
            ProcessBuilder pb = new ProcessBuilder("dcm2json", "-fc", file.toString(), outFile.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("TCP_NODELAY", "1");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("dcm2json timed out on " + file);
            }
            if (p.exitValue() != 0) {
                return null;
            }
            try {
                return Files.readString(outFile, StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                return null; // dcmtk copied non-UTF-8 bytes of an undeclared character set: not JSON
            }
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}

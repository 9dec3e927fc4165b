package org.xnat.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.io.DicomReader;

/**
 * Decodes every text value of pydicom's character-set corpus and compares it with two independent
 * decoders: dcmtk ({@code dcmconv +U8} converts the file to UTF-8; we read the converted file back)
 * and pydicom. dcmtk on Debian uses iconv, which cannot convert ISO 2022 IR 87, so the Japanese
 * files are compared with pydicom only; every file is compared with at least one peer. Files are
 * read with {@link DicomReader}, so the item-level character set inheritance of
 * {@link Attributes} is exercised too (chrSQEncoding*.dcm).
 */
class CharsetCorpusTest {

    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");
    private static List<Path> files;

    @BeforeAll
    static void corpus() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom charset corpus not installed");
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void decodesLikeDcmtk(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("dcmconv"), "dcmtk not installed");
        List<String> compared = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path file : files) {
            Path utf8 = tmp.resolve(file.getFileName());
            Result r = run(List.of("dcmconv", "+U8", file.toString(), utf8.toString()));
            if (r.exit != 0) {
                // Only iconv's missing ISO 2022 IR 87 support is an acceptable refusal.
                assertThat(r.output).as(file + ": " + r.output).containsAnyOf("ISO 2022 IR 87", "Cannot convert character encoding");
                refused.add(file.getFileName().toString());
                continue;
            }
            Map<String, String> ours = decoded(file);
            Map<String, String> theirs = decoded(utf8);
            assertThat(ours).as(file.getFileName().toString()).isEqualTo(theirs);
            assertThat(ours).isNotEmpty();
            compared.add(file.getFileName().toString());
        }
        assertThat(compared).contains("chrArab.dcm", "chrFren.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrHbrw.dcm",
                "chrI2.dcm", "chrKoreanMulti.dcm", "chrRuss.dcm", "chrX1.dcm", "chrX2.dcm", "chrFrenMulti.dcm");
        assertThat(refused).allMatch(n -> n.startsWith("chrH3") || n.startsWith("chrJap") || n.startsWith("chrSQ"));
    }

    @Test
    void decodesLikePydicom() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 not installed");
        Path script = Files.createTempFile("pydicom_text_values", ".py");
        try (InputStream in = getClass().getResourceAsStream("/charset/pydicom_text_values.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Result r = run(cmd);
        Files.delete(script);
        assumeTrue(!r.output.contains("No module named 'pydicom'"), "pydicom not installed");
        assertThat(r.exit).as(r.output).isZero();
        Map<String, Map<String, String>> theirs = new HashMap<>();
        for (String line : r.output.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                continue;
            }
            String value = new String(HexFormat.of().parseHex(f[3]), StandardCharsets.UTF_8);
            theirs.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], normalize(value, f[2]));
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            Map<String, String> ours = decoded(file);
            Map<String, String> expected = new LinkedHashMap<>(theirs.get(name));
            // pydicom turns private UN elements into text via its private dictionary; the file
            // itself says UN, so those are not text values for us.
            expected.keySet().removeIf(path -> !ours.containsKey(path) && isPrivate(path));
            assertThat(ours).as(name).isEqualTo(expected);
        }
        // The multi-byte and code-extension files are the point of this comparison.
        assertThat(theirs.get("chrH32.dcm").get("00100010")).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        assertThat(theirs.get("chrSQEncoding.dcm").get("00321064/0/00100010")).contains("山田");
    }

    private static boolean isPrivate(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return Integer.parseInt(last.substring(0, 4), 16) % 2 == 1;
    }

    /**
     * Re-encoding what was decoded gives the same text everywhere, and the very same bytes for
     * every file whose encoder followed PS3.5 6.1.2.5.3 to the letter. Not byte-exact, by design:
     * chrKoreanMulti.dcm designates ASCII to G0 where it already is (we never emit a designation
     * that changes nothing), and the constructed chrSQEncoding*.dcm return to ASCII (ESC ( B) where
     * value 1 is ISO 2022 IR 13, whose G0 is ISO-IR 14 (ESC ( J, as in the PS3.5 H.3.2 example).
     */
    @Test
    void encodingTheDecodedValuesGivesBackTheOriginalBytes() throws IOException {
        int multiByte = 0;
        List<String> byteExactFiles = new ArrayList<>();
        for (Path file : files) {
            boolean exact = true;
            for (TextValue v : textValues(file)) {
                boolean pn = "PN".equals(v.vr());
                String decoded = v.decoded();
                byte[] encoded = v.charset().encode(decoded, pn);
                assertThat(v.charset().decode(encoded, pn)).as(file.getFileName() + " " + v.path()).isEqualTo(decoded);
                exact &= java.util.Arrays.equals(encoded, v.raw());
                if (decoded.chars().anyMatch(c -> c > 0x2000)) {
                    multiByte++;
                }
            }
            if (exact) {
                byteExactFiles.add(file.getFileName().toString());
            }
        }
        assertThat(multiByte).isGreaterThan(10);
        assertThat(byteExactFiles).contains("chrH31.dcm", "chrH32.dcm", "chrI2.dcm", "chrX1.dcm", "chrX2.dcm",
                "chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm",
                "chrArab.dcm", "chrFren.dcm", "chrFrenMulti.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrHbrw.dcm",
                "chrRuss.dcm");
    }

    /** Path -> decoded value, trimmed per value (padding and insignificant spaces differ by tool). */
    private static Map<String, String> decoded(Path file) throws IOException {
        return textValues(file).stream().collect(Collectors.toMap(
                TextValue::path, v -> normalize(v.decoded(), v.vr()), (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Trims each value; for PN also drops trailing empty components and groups, which PS3.5 6.2.1
     * makes insignificant (pydicom prints "A^B=C" for the stored "A^B=C=").
     */
    private static String normalize(String value, String vr) {
        String[] values = value.split("\\\\", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            String v = values[i].replace("\0", "").strip();
            if ("PN".equals(vr)) {
                v = v.replaceAll("[=^]+$", "");
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private record Result(int exit, String output) {
    }

    private static final java.util.Set<VR> TEXT_VRS = java.util.EnumSet.of(VR.SH, VR.LO, VR.ST, VR.LT, VR.UT, VR.UC, VR.PN);

    /** A raw text value, where it is, and the Specific Character Set in force there. */
    record TextValue(String path, String vr, byte[] raw, SpecificCharacterSet charset) {
        String decoded() {
            return charset.decode(raw, "PN".equals(vr));
        }
    }

    /** Every text value of the file (sequences included), read with the project's Part 10 reader. */
    static List<TextValue> textValues(Path file) throws IOException {
        try (DicomReader reader = DicomReader.open(file)) {
            List<TextValue> out = new ArrayList<>();
            collect(reader.readDataset(), "", out);
            return out;
        }
    }

    private static void collect(Attributes attrs, String prefix, List<TextValue> out) {
        for (int i = 0; i < attrs.size(); i++) {
            int tag = attrs.tagAt(i);
            String path = prefix + String.format("%08X", tag);
            Object value = attrs.valueAt(i);
            if (value instanceof Sequence seq) {
                for (int k = 0; k < seq.size(); k++) {
                    collect(seq.get(k), path + "/" + k + "/", out);
                }
            } else if (TEXT_VRS.contains(attrs.vrAt(i)) && value instanceof byte[] raw) {
                // Attributes keeps the raw bytes; the item's own (0008,0005) or its parent's applies.
                out.add(new TextValue(path, attrs.vrAt(i).name(), raw, attrs.specificCharacterSet()));
            }
        }
    }

    private static Result run(List<String> cmd) throws Exception {
        Path log = Files.createTempFile("peer", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("TCP_NODELAY", "1");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
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

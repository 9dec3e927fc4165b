package org.xnat.router.deid.internal.dicomedit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Fragments;
import org.xnat.dicom.data.Sequence;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.api.processor.ProcessingContext;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;

/** One test (at least) per DicomEdit construct and function, on small datasets built here. */
class DicomEditTest {

    record Context(Map<String, String> variables) implements ProcessingContext {
        public String routeAeTitle() {
            return "ROUTE";
        }

        public String destinationName() {
            return "dest";
        }

        public String callingAeTitle() {
            return "MODALITY";
        }
    }

    static Attributes sample() {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        ds.setString(Tag.StudyDate, VR.DA, "20240315");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.AcquisitionDateTime, VR.DT, "20240315101500.5");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC123");
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setString(Tag.StudyDescription, VR.LO, "Brain MRI");
        ds.setString(Tag.PatientName, VR.PN, "Doe^John");
        ds.setString(Tag.PatientID, VR.LO, "PID-42");
        ds.setString(Tag.OtherPatientIDs, VR.LO, "OLD-1");
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.5");
        Sequence ref = ds.newSequence(Tag.ReferencedSeriesSequence);
        ref.addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.9");
        ref.addItem().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.10");
        Attributes nested = ds.newSequence(Tag.ReferencedPatientSequence).addItem();
        nested.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        nested.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5.6");
        int priv = ds.reservePrivateTag("ACME 1.0", 0x0019, 0x10);
        ds.setString(priv, VR.LO, "secret");
        ds.setString(ds.reservePrivateTag("ACME 1.0", 0x0019, 0x0F), VR.LO, "other");
        ds.setString(ds.reservePrivateTag("OTHER", 0x0029, 0x10), VR.LO, "more");
        nested.setString(nested.reservePrivateTag("ACME 1.0", 0x0019, 0x10), VR.LO, "nested secret");
        ds.setBytes(0x50000010, VR.US, new byte[] {1, 0});
        ds.setBytes(0x50023000, VR.OW, new byte[] {1, 2, 3, 4});
        ds.setString(0x60000022, VR.LO, "overlay description");
        return ds;
    }

    static Attributes run(String script, Attributes ds) throws Exception {
        return run(script, ds, Map.of(), Map.of());
    }

    static Attributes run(String script, Attributes ds, Map<String, Object> props, Map<String, String> vars)
            throws Exception {
        Map<String, Object> p = new HashMap<>(props);
        p.put("text", script);
        p.putIfAbsent("uid_key", "test-key");
        DatasetProcessor proc = DicomEditProcessorFactory.create(new ComponentConfig("t", "dicomedit", p),
                new InMemoryCrosswalk());
        proc.process(ds, new Context(vars));
        return ds;
    }

    static ScriptProblem problem(String script) {
        List<ScriptProblem> problems = DicomEditProcessorFactory.validateScript(script);
        assertThat(problems).as("problems of:\n" + script).hasSize(1);
        return problems.get(0);
    }

    static final String V = "version \"6.3\"\n";

    // ------------------------------------------------------------------ syntax

    @Test
    void theVersionLineIsRequiredAndMustBeSix() {
        ScriptProblem p = problem("(0010,0010) := \"X\"\n");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).contains("version");
        ScriptProblem old = problem("// old script\nversion \"4.2\"\n");
        assertThat(old.line()).isEqualTo(2);
        assertThat(old.column()).isEqualTo(9);
    }

    @Test
    void commentsAreIgnored() throws Exception {
        Attributes ds = run("// first\n" + V + "/* block\n comment */ (0010,0010) := \"A\" // trailing\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("A");
    }

    @Test
    void parseErrorsNameLineAndColumn() {
        assertThat(problem(V + "(0010,0010) := \"open\n")).extracting(ScriptProblem::line, ScriptProblem::column)
                .containsExactly(2, 16);
        assertThat(problem(V + "\n(0010,0010) := nosuch[\"x\"]\n")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(16);
            assertThat(p.message()).contains("unknown function 'nosuch'");
        });
        assertThat(problem(V + "(0010,001G) := \"x\"\n").message()).contains("is not a tag");
        assertThat(problem(V + "(0010,0010) := substring[\"x\"]\n").message()).contains("takes 2 to 3 argument(s), not 1");
        assertThat(problem(V + "(0010,0010) := alterPixels[\"a\",\"b\",\"c\",\"d\"]\n").message())
                .contains("is a statement of its own");
        assertThat(problem(V + "(0010,0010) ~ \"[a\" ? -(0010,0010)\n")).satisfies(p -> {
            assertThat(p.column()).isEqualTo(15);
            assertThat(p.message()).contains("invalid regular expression");
        });
        assertThat(problem(V + "(0008,1115)[0] := \"x\"\n").message()).contains("item index must be followed");
        assertThat(problem(V + "(0010,0010) = \"x\" -(0010,0010)\n").message()).contains("expected '?'");
        assertThat(problem(V + "(0010,0010) \"x\"\n").message()).contains("expected :=, ?= or a condition");
        assertThat(problem(V + "shiftDateTimeByIncrement[(0008,0020), \"1\", \"weeks\"]\n").message())
                .contains("\"days\" or \"seconds\"");
        assertThat(problem(V + "alterPixels[\"circle\", \"l=0,t=0,r=1,b=1\", \"solid\", \"v=0\"]\n").message())
                .contains("rectangle");
        assertThat(problem(V + "version \"6.3\"\n").message()).contains("only once");
        assertThat(problem(V + "(0010,0010) := \"a\" \"b\"\n")).extracting(ScriptProblem::column).isEqualTo(20);
        assertThat(problem(V + "x = \"a\" ? y = \"b\" ? -(0010,0010)\n").message()).contains("cannot be the action");
        assertThat(problem(V + "(0010,0010) := \"a\" $\n").message()).contains("unexpected character '$'");
    }

    @Test
    void aConfigurationWithAnInvalidScriptIsRefusedWithThePosition() {
        assertThatThrownBy(() -> new DicomEditProcessorFactory(new InMemoryCrosswalk())
                .validate(new ComponentConfig("bad", "dicomedit", Map.of("text", V + "(0010,0010) :=\n"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("text: script 'bad' line 2, column 15: expected a value");
    }

    // ------------------------------------------------------------------ statements

    @Test
    void assignReplacesAndCreates() throws Exception {
        Attributes ds = run(V + "(0010,0010) := \"Anon^Y\"\n(0010,1010) := \"042Y\"\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Anon^Y");
        assertThat(ds.getString(Tag.PatientAge)).isEqualTo("042Y");
        assertThat(ds.getVR(Tag.PatientAge)).isEqualTo(VR.AS);
    }

    @Test
    void assignIfPresentChangesOnlyWhatIsThere() throws Exception {
        Attributes ds = run(V + "(0010,0010) ?= \"X\"\n(0010,1010) ?= \"042Y\"\n(0010,2000) ?= nosuchVariable\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("X");
        assertThat(ds.contains(Tag.PatientAge)).isFalse();
    }

    @Test
    void deleteRemoves() throws Exception {
        Attributes ds = run(V + "-(0010,1000)\n- (0010,0030)\n", sample());
        assertThat(ds.contains(Tag.OtherPatientIDs)).isFalse();
        assertThat(ds.contains(Tag.PatientBirthDate)).isFalse();
    }

    @Test
    void privateTagsAreFoundThroughTheirCreatorWhateverTheBlock() throws Exception {
        Attributes ds = sample();
        ds.setString(Tag.of(0x0019, 0x0010), VR.LO, "SOMEONE ELSE"); // moves ACME to another block
        ds.remove(0x00191010);
        ds.remove(0x0019100F);
        ds.setString(Tag.of(0x0019, 0x0011), VR.LO, "ACME 1.0");
        ds.setString(0x00191110, VR.LO, "secret");
        run(V + "(0019,{ACME 1.0}10) := \"changed\"\n(0019,{ACME 1.0}20) := \"new\"\n(0029,{OTHER}10) := \"x\"\n"
                + "-(0029,{OTHER}10)\n", ds);
        assertThat(ds.getString(0x00191110)).isEqualTo("changed");
        assertThat(ds.getString(0x00191120)).isEqualTo("new");
        assertThat(ds.contains(0x00291010)).isFalse();
        assertThat(ds.getString(Tag.of(0x0019, 0x0010))).isEqualTo("SOMEONE ELSE");
    }

    @Test
    void sequenceItemPathsAddressOneItem() throws Exception {
        Attributes ds = run(V + "(0008,1115)[1]/(0020,000E) := \"9.9\"\n(0008,1120)/(0010,0010) := \"Item^All\"\n", sample());
        Sequence s = ds.getSequence(Tag.ReferencedSeriesSequence);
        assertThat(s.get(0).getString(Tag.SeriesInstanceUID)).isEqualTo("1.2.3.4.9");
        assertThat(s.get(1).getString(Tag.SeriesInstanceUID)).isEqualTo("9.9");
        assertThat(ds.getSequence(Tag.ReferencedPatientSequence).get(0).getString(Tag.PatientName)).isEqualTo("Item^All");
    }

    @Test
    void anyDepthPathsMatchInSequencesOnly() throws Exception {
        Attributes ds = run(V + "+/(0010,0010) := \"Deep\"\n* /(0020,000E) := \"1.1\"\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("Doe^John");
        assertThat(ds.getSequence(Tag.ReferencedPatientSequence).get(0).getString(Tag.PatientName)).isEqualTo("Deep");
        assertThat(ds.getSequence(Tag.ReferencedSeriesSequence).items())
                .allSatisfy(i -> assertThat(i.getString(Tag.SeriesInstanceUID)).isEqualTo("1.1"));
        assertThat(ds.getString(Tag.SeriesInstanceUID)).isEqualTo("1.2.3.4.5");
    }

    @Test
    void xWildcardsMatchRepeatingGroups() throws Exception {
        Attributes ds = run(V + "-(50XX,XXXX)\n-(60xx,0022)\n", sample());
        assertThat(ds.contains(0x50000010)).isFalse();
        assertThat(ds.contains(0x50023000)).isFalse();
        assertThat(ds.contains(0x60000022)).isFalse();
        assertThat(ds.contains(Tag.PatientName)).isTrue();
    }

    @Test
    void removeAllPrivateTagsRemovesThemAtEveryDepth() throws Exception {
        Attributes ds = run(V + "removeAllPrivateTags\n", sample());
        assertThat(java.util.Arrays.stream(ds.tags()).boxed().toList()).noneMatch(t -> (Tag.group(t) & 1) == 1);
        assertThat(java.util.Arrays.stream(ds.getSequence(Tag.ReferencedPatientSequence).get(0).tags()).boxed().toList()).noneMatch(Tag::isPrivate);
    }

    @Test
    void retainPrivateTagsKeepsTheListedOnesAndTheirCreators() throws Exception {
        Attributes ds = run(V + "retainPrivateTags[(0019,{ACME 1.0}10)]\n", sample());
        assertThat(ds.getString(0x00191010)).isEqualTo("secret");
        assertThat(ds.getString(0x00190010)).isEqualTo("ACME 1.0");
        assertThat(ds.contains(0x0019100F)).isFalse();
        assertThat(ds.contains(0x00291010)).isFalse();
        assertThat(ds.contains(0x00290010)).isFalse();
        assertThat(java.util.Arrays.stream(ds.getSequence(Tag.ReferencedPatientSequence).get(0).tags()).boxed().toList()).noneMatch(Tag::isPrivate);
    }

    @Test
    void conditionalsWithEveryOperatorAndElse() throws Exception {
        Attributes ds = run(V
                + "(0008,0060) = \"MR\" ? (0010,0010) := \"eq\" : (0010,0010) := \"not eq\"\n"
                + "(0008,0060) != \"MR\" ? (0010,0020) := \"ne\" : (0010,0020) := \"else ne\"\n"
                + "(0008,1030) ~ \"Brain.*\" ? (0008,0050) := \"match\"\n"
                + "(0008,1030) !~ \"Brain\" ? (0020,0010) := \"partial is no match\"\n"
                + "(0010,1000) = \"\" ? -(0010,0030)\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("eq");
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("else ne");
        assertThat(ds.getString(Tag.AccessionNumber)).isEqualTo("match");
        assertThat(ds.getString(Tag.StudyID)).isEqualTo("partial is no match");
        assertThat(ds.contains(Tag.PatientBirthDate)).isTrue();
    }

    @Test
    void variablesAndBuiltInVariables() throws Exception {
        Attributes ds = run(V + "who := format[\"{0}-{1}\", project, subject]\n(0010,0010) := who\n"
                + "(0010,0020) := session\n(0008,1030) := modalityLabel\n", sample(),
                Map.of("project", "configured", "subject", "S1"), Map.of("project", "P1", "session", "E7"));
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("P1-S1"); // the route's value wins over the config's
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("E7");
        assertThat(ds.getString(Tag.StudyDescription)).isEqualTo("MR");
    }

    @Test
    void anUndefinedValueFailsTheInstanceWithItsPosition() {
        assertThatThrownBy(() -> run(V + "\n(0010,0010) := nobody\n", sample()))
                .isInstanceOf(ProcessingException.class)
                .hasMessageContaining("line 3, column 16: variable 'nobody' is not defined");
        assertThatThrownBy(() -> run(V + "(0010,0010) := (0010,2203)\n", sample()))
                .hasMessageContaining("(0010,2203) is not in the dataset");
        assertThatThrownBy(() -> run(V + "(0028,0010) := \"many\"\n", sample()))
                .hasMessageContaining("'many' cannot be stored in (0028,0010) (VR US)");
    }

    // ------------------------------------------------------------------ functions

    @Test
    void hashUidIsKeyedDeterministicAndValid() throws Exception {
        String s = V + "(0020,000D) := hashUID[(0020,000D)]\n+/(0008,1155) := hashUID[+/(0008,1155)]\n"
                + "(0008,0018) := hashUID[(0008,0018)]\n";
        Attributes a = run(s, sample());
        Attributes b = run(s, sample());
        Attributes c = run(s, sample(), Map.of("uid_key", "another"), Map.of());
        String study = a.getString(Tag.StudyInstanceUID);
        assertThat(study).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64).isNotEqualTo("1.2.3.4");
        assertThat(b.getString(Tag.StudyInstanceUID)).isEqualTo(study);
        assertThat(c.getString(Tag.StudyInstanceUID)).isNotEqualTo(study);
        // the reference in a sequence maps like the instance it references
        assertThat(a.getSequence(Tag.ReferencedPatientSequence).get(0).getString(Tag.ReferencedSOPInstanceUID))
                .isEqualTo(a.getString(Tag.SOPInstanceUID));
        Attributes rooted = run(s, sample(), Map.of("uid_root", "1.2.826.0.1.3680043.10.543"), Map.of());
        assertThat(rooted.getString(Tag.StudyInstanceUID)).startsWith("1.2.826.0.1.3680043.10.543.").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void newUidIsAFreshValidUid() throws Exception {
        Attributes a = run(V + "(0008,0018) := new UID\n", sample());
        Attributes b = run(V + "(0008,0018) := new UID\n", sample());
        assertThat(a.getString(Tag.SOPInstanceUID)).matches("2\\.25\\.[1-9][0-9]*").hasSizeLessThanOrEqualTo(64)
                .isNotEqualTo(b.getString(Tag.SOPInstanceUID));
    }

    @Test
    void stringFunctions() throws Exception {
        Attributes ds = run(V
                + "(0010,0010) := uppercase[(0010,0010)]\n"
                + "(0008,1030) := lowercase[(0008,1030)]\n"
                + "(0008,0050) := replace[(0008,0050), \"ACC\", \"A-\"]\n"
                + "(0020,0010) := substring[(0010,0020), 4]\n"
                + "(0010,0030) := format[\"{0}0101\", substring[(0010,0030), 0, 4]]\n"
                + "(0010,2000) := match[(0008,1030), \"(b\\\\w+) (mri)\", 2]\n"
                + "(0010,21B0) := format[\"{1}/{0}/{2}\", \"a\", \"b\"]\n", sample());
        assertThat(ds.getString(Tag.PatientName)).isEqualTo("DOE^JOHN");
        assertThat(ds.getString(Tag.StudyDescription)).isEqualTo("brain mri");
        assertThat(ds.getString(Tag.AccessionNumber)).isEqualTo("A-123");
        assertThat(ds.getString(Tag.StudyID)).isEqualTo("42");
        assertThat(ds.getString(Tag.PatientBirthDate)).isEqualTo("19700101");
        assertThat(ds.getString(Tag.MedicalAlerts)).isEqualTo("mri");
        assertThat(ds.getString(Tag.AdditionalPatientHistory)).isEqualTo("b/a/{2}");
    }

    @Test
    void lookupUsesTheTableThenTheHonestBroker() throws Exception {
        Map<String, Object> props = Map.of("lookup_table", "patient_id/PID-42 = SUBJ-1\nsite/x = y\n");
        Attributes ds = run(V + "(0010,0020) := lookup[\"patient_id\", (0010,0020)]\n", sample(), props, Map.of());
        assertThat(ds.getString(Tag.PatientID)).isEqualTo("SUBJ-1");
        assertThatThrownBy(() -> run(V + "(0010,0020) := lookup[\"site\", \"nope\"]\n", sample(), props, Map.of()))
                .isInstanceOf(ProcessingException.class).hasMessageContaining("lookup[site] has no value for 'nope'");
        Map<String, Object> broker = Map.of("honest_broker", Map.of("name", "b1", "broker_type", "local",
                "naming_scheme", "sequential", "patient_id_prefix", "SUBJ"));
        Attributes viaBroker = run(V + "(0010,0020) := lookup[\"patient_id\", (0010,0020)]\n", sample(), broker, Map.of());
        assertThat(viaBroker.getString(Tag.PatientID)).isEqualTo("SUBJ000001");
    }

    @Test
    void aScriptUsingLookupNeedsASource() {
        assertThatThrownBy(() -> run(V + "(0010,0020) := lookup[\"patient_id\", (0010,0020)]\n", sample()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("needs honest_broker or lookup_table");
    }

    @Test
    void shiftDateTimeByIncrementShiftsDatesAndTimes() throws Exception {
        Attributes ds = run(V + "shiftDateTimeByIncrement[(0008,0020), \"-20\", \"days\"]\n"
                + "shiftDateTimeByIncrement[(0008,002A), \"3600\", \"seconds\"]\n"
                + "shiftDateTimeByIncrement[(0008,0030), -900, \"seconds\"]\n"
                + "d := \"1\"\nshiftDateTimeByIncrement[(0010,0030), d, \"days\"]\n", sample());
        assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20240224");
        assertThat(ds.getString(Tag.AcquisitionDateTime)).isEqualTo("20240315111500.5");
        assertThat(ds.getString(Tag.StudyTime)).isEqualTo("100000");
        assertThat(ds.getString(Tag.PatientBirthDate)).isEqualTo("19700102");
    }

    @Test
    void aValueIsShiftedOnceEvenWhenTwoPathsMatchIt() throws Exception {
        Attributes ds = run(V + "shiftDateTimeByIncrement[(0008,0020), \"10\", \"days\"]\n"
                + "shiftDateTimeByIncrement[(0008,002X), \"10\", \"days\"]\n", sample());
        assertThat(ds.getString(Tag.StudyDate)).isEqualTo("20240325");
    }

    @Test
    void shiftingSomethingThatIsNotADateFails() {
        assertThatThrownBy(() -> run(V + "shiftDateTimeByIncrement[(0010,0010), \"1\", \"days\"]\n", sample()))
                .isInstanceOf(ProcessingException.class).hasMessageContaining("has VR PN, not DA, DT or TM");
    }

    @Test
    void blankValuesEmptiesElements() throws Exception {
        Attributes ds = run(V + "blankValues[(0010,0010), (0008,1120)]\n", sample());
        assertThat(ds.contains(Tag.PatientName)).isTrue();
        assertThat(ds.getString(Tag.PatientName)).isNull();
        assertThat(ds.getSequence(Tag.ReferencedPatientSequence)).isEmpty();
    }

    @Test
    void alterPixelsBlanksARectangleOfNativePixelData() throws Exception {
        Attributes ds = sample();
        ds.setInt(Tag.Rows, VR.US, 4);
        ds.setInt(Tag.Columns, VR.US, 5);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        byte[] px = new byte[4 * 5 * 2];
        java.util.Arrays.fill(px, (byte) 0x11);
        ds.setBytes(Tag.PixelData, VR.OW, px);
        String script = V + "alterPixels[\"rectangle\", \"l=1, t=1, r=3, b=2\", \"solid\", \"v=258\"]\n";
        Map<String, Object> p = Map.of("text", script);
        DatasetProcessor proc = DicomEditProcessorFactory.create(new ComponentConfig("px", "dicomedit", p), new InMemoryCrosswalk());
        assertThat(proc.needsPixelData()).isTrue();
        proc.process(ds, null);
        byte[] out = ds.getBytes(Tag.PixelData);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                int v = (out[(y * 5 + x) * 2] & 0xFF) | (out[(y * 5 + x) * 2 + 1] & 0xFF) << 8;
                assertThat(v).as("pixel %d,%d", x, y).isEqualTo(y == 1 && (x == 1 || x == 2) ? 258 : 0x1111);
            }
        }
        assertThat(DicomEditProcessorFactory.create(new ComponentConfig("np", "dicomedit", Map.of("text", V)),
                new InMemoryCrosswalk()).needsPixelData()).isFalse();
    }

    @Test
    void alterPixelsOnCompressedPixelDataFailsClosed() {
        Attributes ds = sample();
        ds.setInt(Tag.Rows, VR.US, 4);
        ds.setInt(Tag.Columns, VR.US, 4);
        ds.setInt(Tag.BitsAllocated, VR.US, 8);
        Fragments f = ds.newFragments(Tag.PixelData, VR.OB);
        f.add(new byte[0]);
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8});
        assertThatThrownBy(() -> run(V + "alterPixels[\"rectangle\", \"l=0,t=0,r=2,b=2\", \"solid\", \"v=0\"]\n", ds))
                .isInstanceOf(ProcessingException.class).hasMessageContaining("compressed");
    }
}

package org.xnat.router.deid.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidTestSources;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;
import org.xnat.router.deid.internal.tester.DeidTesterComponent;

/** {@code router:deid-test} with --sop and --route, through the real tester and a sources service. */
class DeidTestCommandTest {

    static final String SOP = "1.2.826.0.1.3680043.8.498.1";

    @TempDir
    Path dir;

    private Path stored() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, SOP);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.2");
        ds.setString(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.setString(Tag.PatientID, VR.LO, "MRN-42");
        ds.setString(Tag.StudyDescription, VR.LO, "Knee");
        Path f = dir.resolve("spool/a.dcm");
        Files.createDirectories(f.getParent());
        try (DicomWriter w = DicomWriter.create(f)) {
            w.writeFileMetaInformation(FileMetaInformation.create(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            w.writeDataset(ds);
        }
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000_000_000L));
        return f;
    }

    private DeidTestSources sources(Path file) {
        return new DeidTestSources() {
            @Override
            public DeidChain routeChain(String routeAeTitle, String destination) {
                if (!routeAeTitle.equals("CT_IN")) {
                    throw new NoSuchElementException("no route with AE title '" + routeAeTitle + "'");
                }
                return new DeidChain("route CT_IN -> pacs",
                        List.of((ds, ctx) -> ds.setString(Tag.StudyDescription, VR.LO, "tagged")),
                        List.of(new ComponentConfig("minimal", "dicomedit", Map.of("anon_script", "minimal"))),
                        Map.of("project", "P1"));
            }

            @Override
            public Optional<StoredInstance> storedInstance(String sopInstanceUid) {
                return sopInstanceUid.equals(SOP) ? Optional.of(new StoredInstance("spool", "CT_IN", file)) : Optional.empty();
            }
        };
    }

    private String run(DeidTestCommand c) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            c.execute();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private DeidTestCommand command(DeidTestSources sources) {
        DeidTestCommand c = new DeidTestCommand();
        c.tester = new DeidTesterComponent(new InMemoryCrosswalk());
        c.sources = sources;
        return c;
    }

    @Test
    void triesARouteDestinationOnAStoredInstanceWithoutTouchingIt() throws Exception {
        Path f = stored();
        byte[] before = Files.readAllBytes(f);
        DeidTestCommand c = command(sources(f));
        c.route = "CT_IN";
        c.destination = "pacs";
        c.sop = SOP;
        String out = run(c);
        assertThat(out).contains("route CT_IN -> pacs on " + SOP + " (spool, route CT_IN)")
                .containsPattern("changed +\\(0008,1030\\) +StudyDescription +\\[Knee\\] -> \\[tagged\\]")
                .containsPattern("changed +\\(0010,0010\\) +PatientName +\\[Doe\\^Jane\\] -> \\[ANONYMOUS\\]")
                .contains("nothing was sent");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_000_000_000_000L);

        DeidTestCommand script = command(sources(f));
        script.script = "hipaa_standard";
        script.sop = SOP;
        assertThat(run(script)).contains("script hipaa_standard on " + SOP)
                .containsPattern("changed +\\(0010,0020\\) +PatientID +\\[MRN-42\\] -> \\[ANONYMOUS\\]");
    }

    @Test
    void explainsWhatIsMissingOrWrong() throws Exception {
        DeidTestCommand unknownSop = command(sources(stored()));
        unknownSop.script = "minimal";
        unknownSop.sop = "1.2.3";
        assertThat(run(unknownSop)).contains("holds no instance 1.2.3");

        DeidTestCommand unknownRoute = command(sources(stored()));
        unknownRoute.route = "MR_IN";
        unknownRoute.destination = "pacs";
        unknownRoute.sop = SOP;
        assertThat(run(unknownRoute)).contains("no route with AE title 'MR_IN'");

        DeidTestCommand alone = command(sources(stored()));
        alone.route = "CT_IN";
        alone.sop = SOP;
        assertThat(run(alone)).contains("--route and --destination go together");

        DeidTestCommand two = command(sources(stored()));
        two.route = "CT_IN";
        two.destination = "pacs";
        two.script = "minimal";
        assertThat(run(two)).contains("Give one of --script");

        DeidTestCommand noAdmin = command(null);
        noAdmin.script = "minimal";
        noAdmin.sop = SOP;
        assertThat(run(noAdmin)).contains("need the router's admin bundle");
    }
}

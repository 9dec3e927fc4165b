package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.internal.io.Part10Header;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.dicom.net.testing.Corpus;
import org.xnat.dicom.net.testing.Dcmtk;
import org.xnat.dicom.net.testing.OrthancProcess;

/** C-FIND, C-MOVE, C-GET SCU against a private Orthanc, and Orthanc as C-STORE SCU to our SCP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrthancInteropTest {
    record Received(String sopInstanceUid, String transferSyntaxUid, String callingAe, String moveOriginator, byte[] dataset) {
    }

    @TempDir
    static Path dir;
    private OrthancProcess orthanc;
    private DicomServer scp;
    private DicomClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private int refPort;
    /** SOP instance UID -> (SOP class, transfer syntax) of what Orthanc holds. */
    private final Map<String, String[]> uploaded = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        scp = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("OURSCP").build())
                .storageSink((store, in) -> {
                    received.add(new Received(store.sopInstanceUid(), store.transferSyntaxUid(),
                            store.association().callingAeTitle(), store.moveOriginatorAeTitle().orElse(null), in.readAllBytes()));
                    return DimseStatus.SUCCESS;
                }).start();
        refPort = Dcmtk.freePort();
        orthanc = OrthancProcess.start(Files.createDirectories(dir.resolve("orthanc")),
                "\"ours\": [\"OURSCP\", \"127.0.0.1\", " + scp.port() + "], \"scu\": [\"OURSCU\", \"127.0.0.1\", 104], "
                + "\"ref\": [\"REFSCP\", \"127.0.0.1\", " + refPort + "]");
        for (Corpus.Entry e : Corpus.part10Files()) {
            if (orthanc.upload(e.file()) != null) {
                // Orthanc keeps the first upload of an instance (the corpus has some in several transfer syntaxes)
                uploaded.putIfAbsent(e.header().sopInstanceUid(), new String[] {e.header().sopClassUid(), e.header().transferSyntaxUid()});
            }
        }
        assertThat(uploaded).hasSizeGreaterThan(20);
        client = new DicomClient(ConnectionOptions.defaults());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
        if (scp != null) {
            scp.close();
        }
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private ScuAssociation connect(String... models) throws Exception {
        AssociationRequest.Builder b = AssociationRequest.builder("OURSCU", OrthancProcess.AE_TITLE);
        for (String m : models) {
            b.addPresentationContext(m, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
        }
        return client.connect("127.0.0.1", orthanc.dicomPort(), b.build());
    }

    private static Set<String> values(String json, String name) {
        Set<String> s = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        while (m.find()) {
            s.add(m.group(1));
        }
        return s;
    }

    /** Trimmed, without empty values (Orthanc's REST API leaves an empty Patient ID out). */
    private static Set<String> trimmed(Set<String> s) {
        Set<String> t = new HashSet<>();
        s.forEach(x -> {
            if (x != null && !x.isBlank()) {
                t.add(x.strip());
            }
        });
        return t;
    }

    private static Set<String> strings(List<Attributes> matches, int tag) {
        Set<String> s = new HashSet<>();
        matches.forEach(a -> s.add(a.getString(tag)));
        return s;
    }

    /** The Orthanc ID of the study with the most instances, and its StudyInstanceUID. */
    private String[] biggestStudy() throws Exception {
        String best = null;
        int bestCount = -1;
        for (String id : OrthancProcess.strings(orthanc.get("/studies"))) {
            int n = OrthancProcess.strings(orthanc.get("/studies/" + id + "/instances")).size();
            if (n > bestCount) {
                best = id;
                bestCount = n;
            }
        }
        return new String[] {best, OrthancProcess.field(orthanc.get("/studies/" + best), "StudyInstanceUID")};
    }

    @Test
    void findAtPatientStudySeriesAndImageLevels() throws Exception {
        try (ScuAssociation as = connect(UID.PatientRootQueryRetrieveInformationModelFind,
                UID.StudyRootQueryRetrieveInformationModelFind)) {
            Attributes patients = new Attributes();
            patients.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
            patients.setNull(Tag.PatientID, VR.LO);
            patients.setNull(Tag.PatientName, VR.PN);
            List<Attributes> p = as.findAll(UID.PatientRootQueryRetrieveInformationModelFind, patients);
            // Trailing spaces are not significant (Orthanc's REST API keeps them, DICOM decoding strips them).
            assertThat(p).hasSameSizeAs(OrthancProcess.strings(orthanc.get("/patients")));
            assertThat(trimmed(strings(p, Tag.PatientID))).isEqualTo(trimmed(values(orthanc.get("/patients?expand"), "PatientID")));

            Attributes studies = new Attributes();
            studies.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            studies.setNull(Tag.StudyInstanceUID, VR.UI);
            studies.setNull(Tag.StudyDate, VR.DA);
            List<Attributes> st = as.findAll(UID.StudyRootQueryRetrieveInformationModelFind, studies);
            assertThat(strings(st, Tag.StudyInstanceUID)).isEqualTo(values(orthanc.get("/studies?expand"), "StudyInstanceUID"));

            String[] study = biggestStudy();
            Attributes series = new Attributes();
            series.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
            series.setString(Tag.StudyInstanceUID, VR.UI, study[1]);
            series.setNull(Tag.SeriesInstanceUID, VR.UI);
            series.setNull(Tag.Modality, VR.CS);
            List<Attributes> se = as.findAll(UID.StudyRootQueryRetrieveInformationModelFind, series);
            Set<String> expectedSeries = values(orthanc.get("/studies/" + study[0] + "/series"), "SeriesInstanceUID");
            assertThat(strings(se, Tag.SeriesInstanceUID)).isEqualTo(expectedSeries);

            String seriesUid = expectedSeries.iterator().next();
            Attributes images = new Attributes();
            images.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
            images.setString(Tag.StudyInstanceUID, VR.UI, study[1]);
            images.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
            images.setNull(Tag.SOPInstanceUID, VR.UI);
            List<Attributes> im = as.findAll(UID.StudyRootQueryRetrieveInformationModelFind, images);
            Set<String> expectedImages = new HashSet<>();
            for (String sid : values(orthanc.get("/studies/" + study[0] + "/series"), "ID")) {
                String json = orthanc.get("/series/" + sid);
                if (json.contains(seriesUid)) {
                    expectedImages.addAll(values(orthanc.get("/series/" + sid + "/instances"), "SOPInstanceUID"));
                }
            }
            assertThat(strings(im, Tag.SOPInstanceUID)).isNotEmpty().isEqualTo(expectedImages);
            as.release();
        }
    }

    @Test
    void moveStudyToOurScp() throws Exception {
        String[] study = biggestStudy();
        List<String> instanceIds = List.copyOf(values(orthanc.get("/studies/" + study[0] + "/instances"), "ID"));
        try (ScuAssociation as = connect(UID.StudyRootQueryRetrieveInformationModelMove)) {
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            keys.setString(Tag.StudyInstanceUID, VR.UI, study[1]);
            AtomicInteger pendings = new AtomicInteger();
            DimseResponse r = as.move(UID.StudyRootQueryRetrieveInformationModelMove, "OURSCP", keys, p -> pendings.incrementAndGet());
            assertThat(r.status()).isEqualTo(DimseStatus.SUCCESS);
            assertThat(r.completed()).isEqualTo(instanceIds.size());
            assertThat(r.failed()).isZero();
            as.release();
        }
        assertThat(received).hasSize(instanceIds.size());
        assertThat(received).allMatch(x -> "OURSCU".equals(x.moveOriginator()));
        assertReceivedEqualsOrthancFiles(instanceIds);
    }

    @Test
    void getSeriesOnTheSameAssociation() throws Exception {
        String[] study = biggestStudy();
        String seriesId = values(orthanc.get("/studies/" + study[0] + "/series"), "ID").iterator().next();
        String seriesUid = OrthancProcess.field(orthanc.get("/series/" + seriesId), "SeriesInstanceUID");
        List<String> instanceIds = List.copyOf(values(orthanc.get("/series/" + seriesId + "/instances"), "ID"));
        AssociationRequest.Builder b = AssociationRequest.builder("OURSCU", OrthancProcess.AE_TITLE)
                .addPresentationContext(UID.StudyRootQueryRetrieveInformationModelGet, UID.ExplicitVRLittleEndian);
        Set<String> pairs = new HashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        for (String[] v : uploaded.values()) {
            if (pairs.add(v[0] + v[1]) && b.presentationContextCount() < 120) {
                b.addPresentationContext(v[0], v[1]);
                classes.add(v[0]);
            }
        }
        classes.forEach(c -> b.addRoleSelection(c, false, true));
        List<Received> got = new ArrayList<>();
        try (ScuAssociation as = client.connect("127.0.0.1", orthanc.dicomPort(), b.build())) {
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "SERIES");
            keys.setString(Tag.StudyInstanceUID, VR.UI, study[1]);
            keys.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
            DimseResponse r = as.get(UID.StudyRootQueryRetrieveInformationModelGet, keys, (store, in) -> {
                got.add(new Received(store.sopInstanceUid(), store.transferSyntaxUid(), store.association().calledAeTitle(),
                        null, in.readAllBytes()));
                return DimseStatus.SUCCESS;
            }, p -> { });
            assertThat(r.status()).as(r.toString()).isEqualTo(DimseStatus.SUCCESS);
            assertThat(r.completed()).isEqualTo(instanceIds.size());
            as.release();
        }
        received.addAll(got);
        assertReceivedEqualsOrthancFiles(instanceIds);
    }

    @Test
    void orthancStoresToOurScp() throws Exception {
        List<String> ids = OrthancProcess.strings(orthanc.get("/instances")).stream().limit(15).toList();
        String body = "[" + String.join(",", ids.stream().map(s -> "\"" + s + "\"").toList()) + "]";
        orthanc.post("/modalities/ours/store", body.getBytes());
        assertThat(received).hasSize(ids.size());
        assertThat(received).allMatch(r -> r.callingAe().equals(OrthancProcess.AE_TITLE));
        assertReceivedEqualsOrthancFiles(ids);
    }

    /**
     * Orthanc sends through dcmtk, which re-encodes some data sets (group lengths, padding), so the
     * reference is what dcmtk's storescp in bit-preserving mode receives when Orthanc sends the same
     * instances to it: our sink must have received exactly those bytes.
     */
    private void assertReceivedEqualsOrthancFiles(List<String> instanceIds) throws Exception {
        Path ref = Files.createDirectories(dir.resolve("ref-" + System.nanoTime()));
        Process storescp = Dcmtk.start(ref.resolve("storescp.log"), "storescp", "-aet", "REFSCP", "+B", "+xa", "+uf",
                "-od", ref.toString(), Integer.toString(refPort));
        List<Received> expected = new ArrayList<>();
        try {
            Dcmtk.awaitPort(refPort, 10_000);
            String body = "[" + String.join(",", instanceIds.stream().map(s -> "\"" + s + "\"").toList()) + "]";
            orthanc.post("/modalities/ref/store", body.getBytes());
        } finally {
            storescp.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(ref)) {
            for (Path p : files.filter(f -> !f.getFileName().toString().endsWith(".log")).toList()) {
                Part10Header h = Part10Header.read(p);
                byte[] file = Files.readAllBytes(p);
                expected.add(new Received(h.sopInstanceUid(), h.transferSyntaxUid(), null, null,
                        Arrays.copyOfRange(file, (int) h.datasetOffset(), file.length)));
            }
        }
        assertThat(expected).hasSize(instanceIds.size());
        assertThat(received).hasSameSizeAs(expected);
        int compared = 0;
        for (Received x : expected) {
            Received ours = received.stream().filter(r -> r.sopInstanceUid().equals(x.sopInstanceUid())).findFirst().orElse(null);
            assertThat(ours).as(x.sopInstanceUid()).isNotNull();
            if (ours.transferSyntaxUid().equals(x.transferSyntaxUid())) {
                assertThat(ours.dataset()).as(x.sopInstanceUid()).isEqualTo(x.dataset());
                compared++;
            } else {
                // storescp negotiated another transfer syntax with Orthanc (which then converted); ours must be the stored one
                assertThat(ours.transferSyntaxUid()).isEqualTo(uploaded.get(x.sopInstanceUid())[1]);
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(expected.size() / 2);
    }
}

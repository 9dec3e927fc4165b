package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.RemoteAe;
import org.xnat.dicom.net.internal.io.Part10Header;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.FindResults;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.dicom.net.testing.CorpusArchive;
import org.xnat.dicom.net.testing.Dcmtk;

/** Our SCP's C-FIND/C-MOVE/C-GET against dcmtk findscu/movescu/getscu, and our SCU (C-CANCEL, conversion). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRetrieveScpTest {
    @TempDir
    static Path dir;
    private CorpusArchive archive;
    private DicomServer scp;
    private int destPort;
    private DicomClient client;

    @BeforeAll
    void start() throws Exception {
        archive = new CorpusArchive();
        destPort = Dcmtk.freePort();
        scp = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("ROUTER").build())
                .queryProvider(request -> {
                    if ("SLOW".equals(request.identifier().getString(Tag.PatientID))) {
                        // endless matches, slowly: only C-CANCEL ends this query
                        return Stream.iterate(0, i -> i + 1).map(i -> {
                            sleep(20);
                            Attributes a = new Attributes();
                            a.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
                            a.setString(Tag.PatientID, VR.LO, "P" + i);
                            return a;
                        });
                    }
                    return archive.query(request);
                })
                .retrieveProvider(archive)
                .moveDestinationResolver(ae -> "DEST".equals(ae) ? Optional.of(new RemoteAe("DEST", "127.0.0.1", destPort))
                        : Optional.empty())
                .start();
        client = new DicomClient(ConnectionOptions.defaults());
    }

    @AfterAll
    void stop() {
        client.close();
        scp.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CorpusArchive.Item biggestStudyItem() {
        Map<String, Long> counts = archive.items().stream()
                .collect(Collectors.groupingBy(i -> i.header().getString(Tag.StudyInstanceUID), Collectors.counting()));
        String study = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return archive.items().stream().filter(i -> study.equals(i.header().getString(Tag.StudyInstanceUID))).findFirst().orElseThrow();
    }

    @Test
    void findscuStudyLevel() throws Exception {
        Path out = Files.createDirectories(dir.resolve("find"));
        Dcmtk.Result r = Dcmtk.run(60, "findscu", "-S", "-X", "-od", out.toString(), "-aet", "FINDSCU", "-aec", "ROUTER",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "-k", "PatientID",
                "127.0.0.1", Integer.toString(scp.port()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        Set<String> expected = archive.items().stream().map(i -> i.header().getString(Tag.StudyInstanceUID)).collect(Collectors.toSet());
        Set<String> got = new HashSet<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                try (DicomReader reader = DicomReader.open(p)) {
                    got.add(reader.readDataset().getString(Tag.StudyInstanceUID));
                }
            }
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void movescuStudyToStorescpByteExact() throws Exception {
        CorpusArchive.Item item = biggestStudyItem();
        String study = item.header().getString(Tag.StudyInstanceUID);
        Path out = Files.createDirectories(dir.resolve("move"));
        Process storescp = Dcmtk.start(dir.resolve("storescp.log"), "storescp", "-aet", "DEST", "+B", "+xa", "+uf", "-od",
                out.toString(), Integer.toString(destPort));
        try {
            Dcmtk.awaitPort(destPort, 10_000);
            Dcmtk.Result r = Dcmtk.run(60, "movescu", "-v", "-S", "-aet", "MOVESCU", "-aec", "ROUTER", "-aem", "DEST",
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "127.0.0.1", Integer.toString(scp.port()));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Success");
        } finally {
            storescp.destroyForcibly();
        }
        List<CorpusArchive.Item> expected = archive.items().stream()
                .filter(i -> study.equals(i.header().getString(Tag.StudyInstanceUID))).toList();
        try (Stream<Path> s = Files.list(out)) {
            List<Path> files = s.toList();
            assertThat(files).hasSameSizeAs(expected);
            for (Path p : files) {
                Part10Header h = Part10Header.read(p);
                CorpusArchive.Item src = expected.stream().filter(i -> i.entry().header().sopInstanceUid().equals(h.sopInstanceUid()))
                        .findFirst().orElseThrow();
                byte[] written = Files.readAllBytes(p);
                byte[] ds = src.entry().dataset();
                byte[] sent = ds.length % 2 == 0 ? ds : Arrays.copyOf(ds, ds.length + 1);
                if (h.transferSyntaxUid().equals(src.entry().header().transferSyntaxUid())) {
                    assertThat(Arrays.copyOfRange(written, (int) h.datasetOffset(), written.length)).isEqualTo(sent);
                }
            }
        }
    }

    @Test
    void moveToUnknownDestinationIsRefused() throws Exception {
        try (ScuAssociation as = client.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                .addPresentationContext(UID.StudyRootQueryRetrieveInformationModelMove, UID.ExplicitVRLittleEndian).build())) {
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            keys.setString(Tag.StudyInstanceUID, VR.UI, biggestStudyItem().header().getString(Tag.StudyInstanceUID));
            DimseResponse r = as.move(UID.StudyRootQueryRetrieveInformationModelMove, "NOWHERE", keys, p -> { });
            assertThat(r.status()).isEqualTo(DimseStatus.REFUSED_MOVE_DESTINATION_UNKNOWN);
        }
    }

    @Test
    void getscuSeries() throws Exception {
        CorpusArchive.Item item = archive.items().stream()
                .filter(i -> UID.CTImageStorage.equals(i.entry().header().sopClassUid())
                        && TransferSyntax.forUid(i.entry().header().transferSyntaxUid()).isUncompressed())
                .findFirst().orElseThrow();
        Path out = Files.createDirectories(dir.resolve("get"));
        Dcmtk.Result r = Dcmtk.run(60, "getscu", "-v", "-S", "-od", out.toString(), "-aet", "GETSCU", "-aec", "ROUTER",
                "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + item.header().getString(Tag.StudyInstanceUID),
                "-k", "SeriesInstanceUID=" + item.header().getString(Tag.SeriesInstanceUID),
                "127.0.0.1", Integer.toString(scp.port()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        Set<String> expected = archive.items().stream()
                .filter(i -> i.header().getString(Tag.SeriesInstanceUID).equals(item.header().getString(Tag.SeriesInstanceUID)))
                .map(i -> i.entry().header().sopInstanceUid()).collect(Collectors.toSet());
        Set<String> got = new HashSet<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.toList()) {
                got.add(Part10Header.read(p).sopInstanceUid());
            }
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void ourGetConvertsBetweenUncompressedTransferSyntaxes() throws Exception {
        CorpusArchive.Item item = archive.items().stream()
                .filter(i -> UID.ImplicitVRLittleEndian.equals(i.entry().header().transferSyntaxUid())
                        || UID.ExplicitVRBigEndian.equals(i.entry().header().transferSyntaxUid()))
                .findFirst().orElseThrow();
        String cuid = item.entry().header().sopClassUid();
        // Only Explicit VR LE is offered for the storage class: the SCP has to convert.
        AssociationRequest rq = AssociationRequest.builder("OURSCU", "ROUTER")
                .addPresentationContext(UID.StudyRootQueryRetrieveInformationModelGet, UID.ExplicitVRLittleEndian)
                .addPresentationContext(cuid, UID.ExplicitVRLittleEndian)
                .addRoleSelection(cuid, false, true).build();
        List<byte[]> received = new ArrayList<>();
        try (ScuAssociation as = client.connect("127.0.0.1", scp.port(), rq)) {
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "IMAGE");
            keys.setString(Tag.StudyInstanceUID, VR.UI, item.header().getString(Tag.StudyInstanceUID));
            keys.setString(Tag.SeriesInstanceUID, VR.UI, item.header().getString(Tag.SeriesInstanceUID));
            keys.setString(Tag.SOPInstanceUID, VR.UI, item.entry().header().sopInstanceUid());
            AtomicInteger pendings = new AtomicInteger();
            DimseResponse r = as.get(UID.StudyRootQueryRetrieveInformationModelGet, keys, (store, in) -> {
                assertThat(store.transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian);
                received.add(in.readAllBytes());
                return DimseStatus.SUCCESS;
            }, p -> pendings.incrementAndGet());
            assertThat(r.status()).as(r.toString()).isEqualTo(DimseStatus.SUCCESS);
            assertThat(r.completed()).isEqualTo(1);
        }
        assertThat(received).hasSize(1);
        Attributes original;
        try (DicomReader reader = DicomReader.open(item.file())) {
            original = reader.readDataset();
        }
        Attributes converted;
        try (DicomReader reader = new DicomReader(new java.io.ByteArrayInputStream(received.get(0)),
                ReadOptions.defaults().transferSyntax(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))) {
            converted = reader.readDataset();
        }
        assertThat(converted.getString(Tag.SOPInstanceUID)).isEqualTo(original.getString(Tag.SOPInstanceUID));
        assertThat(converted.getString(Tag.PatientName)).isEqualTo(original.getString(Tag.PatientName));
        assertThat(converted.getInts(Tag.Rows)).isEqualTo(original.getInts(Tag.Rows));
        assertThat(converted.tags()).isEqualTo(original.tags());
    }

    @Test
    void cancelStopsAnEndlessFind() throws Exception {
        try (ScuAssociation as = client.connect("127.0.0.1", scp.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                .addPresentationContext(UID.PatientRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian)
                .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            Attributes keys = new Attributes();
            keys.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
            keys.setString(Tag.PatientID, VR.LO, "SLOW");
            int seen = 0;
            try (FindResults results = as.find(UID.PatientRootQueryRetrieveInformationModelFind, keys)) {
                while (results.hasNext()) {
                    results.next();
                    if (++seen == 3) {
                        results.cancel();
                    }
                }
                assertThat(results.finalResponse().status()).isEqualTo(DimseStatus.CANCEL);
            }
            assertThat(seen).isBetween(3, 10);
            assertThat(as.echo()).isEqualTo(DimseStatus.SUCCESS);
        }
    }
}

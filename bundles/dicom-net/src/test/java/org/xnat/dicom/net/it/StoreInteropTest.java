package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** C-STORE interop: dcmtk storescu → our SCP, and our SCU → dcmtk storescp, byte-exact data sets. */
class StoreInteropTest {
    record Received(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, byte[] dataset) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private DicomServer server;

    @BeforeEach
    void start() throws Exception {
        server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("ROUTER").build())
                .storageSink((store, in) -> {
                    received.add(new Received(store.sopClassUid(), store.sopInstanceUid(), store.transferSyntaxUid(),
                            in.readAllBytes()));
                    return DimseStatus.SUCCESS;
                }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * storescu re-encodes some data sets (it recomputes group lengths, for instance), so what it puts
     * on the wire is taken from dcmtk's own storescp in bit-preserving mode fed by the same storescu
     * command: our sink must receive exactly those bytes. Most corpus files also pass unchanged, which
     * is checked against the files themselves.
     */
    @Test
    void storescuSendsCorpusInItsOwnTransferSyntaxesByteExact(@TempDir Path dir) throws Exception {
        Map<String, List<Corpus.Entry>> byTs = new LinkedHashMap<>();
        for (Corpus.Entry e : Corpus.part10Files()) {
            if (Corpus.STORESCU_OPTION.containsKey(e.header().transferSyntaxUid())) {
                byTs.computeIfAbsent(e.header().transferSyntaxUid(), k -> new ArrayList<>()).add(e);
            }
        }
        assertThat(byTs).hasSizeGreaterThanOrEqualTo(8);
        int refPort = Dcmtk.freePort();
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Process scp = Dcmtk.start(dir.resolve("storescp.log"), "storescp", "-aet", "REF", "+B", "+xa", "+uf", "-od", ref.toString(),
                Integer.toString(refPort));
        int total = 0;
        int identicalToFile = 0;
        try {
            Dcmtk.awaitPort(refPort, 10_000);
            for (Map.Entry<String, List<Corpus.Entry>> group : byTs.entrySet()) {
                received.clear();
                String option = Corpus.STORESCU_OPTION.get(group.getKey());
                List<String> files = group.getValue().stream().map(e -> e.file().toString()).toList();
                Dcmtk.run(120, "storescu", args(option, "ROUTER", server.port(), files));
                clear(ref);
                Dcmtk.run(120, "storescu", args(option, "REF", refPort, files));
                List<Received> expected = readAll(ref);
                assertThat(received).as("objects received in " + group.getKey()).hasSameSizeAs(expected);
                for (Received x : expected) {
                    assertThat(received).as(x.sopInstanceUid())
                            .anyMatch(r -> r.sopInstanceUid().equals(x.sopInstanceUid()) && r.sopClassUid().equals(x.sopClassUid())
                                    && r.transferSyntaxUid().equals(group.getKey()) && Arrays.equals(r.dataset(), x.dataset()));
                }
                total += received.size();
                for (Corpus.Entry e : group.getValue()) {
                    byte[] original = e.dataset();
                    if (received.stream().anyMatch(r -> Arrays.equals(r.dataset(), original))) {
                        identicalToFile++;
                    }
                }
            }
        } finally {
            scp.destroyForcibly();
        }
        assertThat(total).isGreaterThanOrEqualTo(40);
        assertThat(identicalToFile).isGreaterThanOrEqualTo(total / 2);
    }

    private static String[] args(String tsOption, String calledAe, int port, List<String> files) {
        List<String> a = new ArrayList<>(List.of("-R", "-nh", tsOption, "-aet", "STORESCU", "-aec", calledAe, "127.0.0.1",
                Integer.toString(port)));
        a.addAll(files);
        return a.toArray(String[]::new);
    }

    private static void clear(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Received> readAll(Path dir) throws java.io.IOException {
        List<Received> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                Part10Header h = Part10Header.read(p);
                try (InputStream in = Files.newInputStream(p)) {
                    in.skipNBytes(h.datasetOffset());
                    list.add(new Received(h.sopClassUid(), h.sopInstanceUid(), h.transferSyntaxUid(), in.readAllBytes()));
                }
            }
        }
        return list;
    }

    @Test
    void ourScuSendsToStorescpByteExact(@TempDir Path dir) throws Exception {
        int port = Dcmtk.freePort();
        Path out = Files.createDirectories(dir.resolve("out"));
        Process scp = Dcmtk.start(dir.resolve("storescp.log"), "storescp", "-aet", "STORESCP", "+B", "+xa", "-od",
                out.toString(), Integer.toString(port));
        try {
            Dcmtk.awaitPort(port, 10_000);
            List<Corpus.Entry> files = Corpus.part10Files();
            Set<String> pairs = new LinkedHashSet<>();
            AssociationRequest.Builder rq = AssociationRequest.builder("OURSCU", "STORESCP");
            for (Corpus.Entry e : files) {
                if (pairs.add(e.header().sopClassUid() + "|" + e.header().transferSyntaxUid()) && pairs.size() <= 128) {
                    rq.addPresentationContext(e.header().sopClassUid(), e.header().transferSyntaxUid());
                }
            }
            Map<String, byte[]> sent = new LinkedHashMap<>();
            try (DicomClient client = new DicomClient(ConnectionOptions.builder().asyncOperationsWindow(8, 1).build());
                    ScuAssociation as = client.connect("127.0.0.1", port, rq.build())) {
                List<CompletableFuture<DimseResponse>> futures = new ArrayList<>();
                for (Corpus.Entry e : files) {
                    if (as.acceptedPresentationContext(e.header().sopClassUid(), e.header().transferSyntaxUid()).isPresent()
                            && !sent.containsKey(e.header().sopInstanceUid())) {
                        sent.put(e.header().sopInstanceUid(), e.dataset());
                        futures.add(as.storeAsync(e.file()));
                    }
                }
                for (CompletableFuture<DimseResponse> f : futures) {
                    assertThat(f.get().status()).isEqualTo(DimseStatus.SUCCESS);
                }
                as.release();
            }
            assertThat(sent).hasSizeGreaterThanOrEqualTo(30);
            Map<String, byte[]> written = new LinkedHashMap<>();
            try (Stream<Path> s = Files.list(out)) {
                for (Path p : s.collect(Collectors.toList())) {
                    Part10Header h = Part10Header.read(p);
                    try (InputStream in = Files.newInputStream(p)) {
                        in.skipNBytes(h.datasetOffset());
                        written.put(h.sopInstanceUid(), in.readAllBytes());
                    }
                }
            }
            assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
            // A data set of odd length (a deflated one) goes out padded with one NUL byte (PS3.5 A.5).
            sent.forEach((iuid, bytes) -> assertThat(written.get(iuid)).as(iuid)
                    .isEqualTo(bytes.length % 2 == 0 ? bytes : Arrays.copyOf(bytes, bytes.length + 1)));
        } finally {
            scp.destroyForcibly();
        }
    }
}

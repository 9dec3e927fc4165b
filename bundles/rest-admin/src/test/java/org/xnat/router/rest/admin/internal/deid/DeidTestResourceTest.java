package org.xnat.router.rest.admin.internal.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.io.DicomWriter;
import org.xnat.dicom.io.FileMetaInformation;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.configstore.ChangeAuthor;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.configstore.internal.RealConfigStore;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;
import org.xnat.router.deid.internal.tester.DeidTesterComponent;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.routing.RoutingStatus;
import org.xnat.router.routing.internal.processing.RouteProcessingComponent;
import org.xnat.router.testing.OpenApiCheck;
import org.xnat.router.testing.Pydicom;
import org.xnat.router.testing.TestDatabase;

/**
 * {@code POST /api/deid/test} on a real PostgreSQL (router schema, the production config store), a real spool file
 * and spool_files row, a real storage area, the routing engine's own chain builder and the real deid tester.
 */
class DeidTestResourceTest {

    static final String CT_SOP = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";
    static final long MTIME = 1_600_000_000_000L;

    @TempDir
    static Path dir;
    static TestDatabase db;

    ConfigStore store;
    InMemoryCrosswalk crosswalk;
    DeidTestResource resource;
    Path spoolFile;
    String mrSop;
    final List<String> audited = new ArrayList<>();

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    static final String CONFIG = """
            honest_brokers:
              hb:
                naming_scheme: sequential
                patient_id_prefix: R
                hash_key: test-secret-key
              off:
                enabled: false
            scripts:
              site: |
                version "6.3"
                (0010,0010) := "SITE"
            destinations:
              d:
                type: file
                path: /tmp/deid-test-d
              plain:
                type: file
                path: /tmp/deid-test-plain
            routes:
              - ae_title: CT_IN
                port: 11112
                tag_modifications:
                  - tag: "(0008,1030)"
                    action: set
                    value: FROM-ROUTE
                destinations:
                  - destination: d
                    anon_script: minimal
                    use_honest_broker: true
                    honest_broker: hb
                    project_id: P1
                  - destination: plain
              - ae_title: BROKEN
                port: 11113
                destinations:
                  - destination: d
                    anonymize: true
                    use_honest_broker: true
                    honest_broker: off
            """;

    @BeforeEach
    void setUp() throws Exception {
        Pydicom.assumeAvailable();
        db.execute("TRUNCATE config_versions, audit_log, spool_files RESTART IDENTITY CASCADE");
        store = RealConfigStore.open(db.dataSource(), Map.of());
        store.importYaml(CONFIG, "config.yaml", ChangeAuthor.local("test"));
        Path spool = dir.resolve("spool");
        spoolFile = spool.resolve("2026/01/02/ct.dcm");
        Files.createDirectories(spoolFile.getParent());
        Files.copy(Pydicom.corpus("CT_small.dcm"), spoolFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(spoolFile, FileTime.fromMillis(MTIME));
        db.execute("INSERT INTO spool_files (path, route_ae, source, sop_instance_uid, file_size, status)"
                + " VALUES ('2026/01/02/ct.dcm', 'CT_IN', 'network', ?, ?, 'ROUTED')", CT_SOP, Files.size(spoolFile));
        // a removed spool file of another instance: its row must not be followed
        db.execute("INSERT INTO spool_files (path, route_ae, source, sop_instance_uid, file_size, status, deleted_at)"
                + " VALUES ('gone.dcm', 'CT_IN', 'network', '1.2.3.4', 1, 'ROUTED', now())");
        Path storage = dir.resolve("storage");
        Files.createDirectories(storage.resolve(".trash"));
        mrSop = Pydicom.read(Pydicom.corpus("MR_small.dcm"), "SOPInstanceUID").get("SOPInstanceUID");
        Path stored = storage.resolve("MR_IN/1.2.3/files/" + mrSop + ".dcm");
        Files.createDirectories(stored.getParent());
        Files.copy(Pydicom.corpus("MR_small.dcm"), stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RoutingStatus status = new RoutingStatus() {
            @Override
            public List<RouteStatus> routes() {
                return List.of();
            }

            @Override
            public List<DestinationStatus> destinations() {
                return List.of();
            }

            @Override
            public HealthReport echo(String destination) {
                throw new IllegalArgumentException(destination);
            }

            @Override
            public SpoolStatus spoolStatus() {
                return new SpoolStatus(spool.toString(), -1, -1, 0);
            }
        };
        crosswalk = new InMemoryCrosswalk();
        DeidSources sources = new DeidSources(store, new RouteProcessingComponent(), status, db.dataSource(), storage);
        AuditLog audit = new AuditLog() {
            @Override
            public void record(String actor, String action, String targetType, String targetId, String remoteAddress,
                    Map<String, ?> detail) {
                audited.add(actor + " " + action + " " + targetId + " " + detail);
            }

            @Override
            public void record(Caller caller, String action, String targetType, String targetId, Map<String, ?> detail) {
                record(caller.name(), action, targetType, targetId, caller.remoteAddress(), detail);
            }
        };
        resource = new DeidTestResource(new DeidTesterComponent(crosswalk), sources, store, audit);
    }

    @AfterEach
    void closeStore() {
        RealConfigStore.close(store);
    }

    // ----- helpers

    static SecurityContext as(String name, Role role) {
        Caller caller = new Caller(name, role, "127.0.0.1");
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String r) {
                return role.allows(Role.parse(r));
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return "API-Key";
            }
        };
    }

    static final SecurityContext OPS = as("ops", Role.OPERATOR);

    static Response call(Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
    }

    Response json(String json) {
        InputStream in = new ByteArrayInputStream(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        return call(() -> resource.run(in, MediaType.APPLICATION_JSON_TYPE, Map.of(), OPS));
    }

    Response upload(byte[] dicom, MediaType type, Map<String, List<String>> query) {
        return call(() -> resource.run(new ByteArrayInputStream(dicom), type, query, OPS));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Response r) {
        return (Map<String, Object>) r.getEntity();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> changes(Response r) {
        return (List<Map<String, Object>>) body(r).get("changes");
    }

    static Map<String, Object> change(Response r, String keyword) {
        return changes(r).stream().filter(c -> keyword.equals(c.get("keyword"))).findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + keyword + " in " + changes(r)));
    }

    // ----- tests

    @Test
    void aScriptOnASpooledInstanceLeavesTheSpoolFileAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(spoolFile);
        Response r = json("{'processor': {'type': 'dicomedit', 'script': 'hipaa_standard'},"
                + " 'instance': {'sop_instance_uid': '" + CT_SOP + "'}}");
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        assertThat(body(r)).containsEntry("refused", null).containsEntry("forwarded", false);
        assertThat(body(r).get("instance")).isEqualTo(Map.of("source", "spool", "sop_instance_uid", CT_SOP,
                "route", "CT_IN"));
        assertThat(body(r).get("processor").toString()).contains("dicomedit").contains("hipaa_standard");
        assertThat(change(r, "PatientName")).containsEntry("action", "changed")
                .containsEntry("before", "CompressedSamples^CT1").containsEntry("after", "ANONYMOUS");
        assertThat(change(r, "PatientID")).containsEntry("before", "1CT1").containsEntry("after", "ANONYMOUS");
        assertThat(change(r, "InstitutionName")).containsEntry("action", "removed");
        assertThat(change(r, "SOPInstanceUID").get("after")).asString().startsWith("2.25.").isNotEqualTo(CT_SOP);
        assertThat(Files.readAllBytes(spoolFile)).as("the spool file's bytes").isEqualTo(before);
        assertThat(Files.getLastModifiedTime(spoolFile).toMillis()).as("the spool file's mtime").isEqualTo(MTIME);
        assertThat(audited).singleElement().asString().startsWith("ops deid.test dicomedit 'deid-test'")
                .contains("instance=spool");
    }

    @Test
    void ps315ReplacesUidsUnlessTheyAreRetained() {
        Response r = json("{'processor': {'type': 'ps315', 'uid_key': 'k1'}, 'instance': {'sop_instance_uid': '"
                + CT_SOP + "'}}");
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        for (String uid : List.of("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")) {
            assertThat(change(r, uid)).containsEntry("action", "changed");
            assertThat(change(r, uid).get("after")).asString().startsWith("2.25.");
        }
        assertThat(change(r, "PatientName").get("before")).isEqualTo("CompressedSamples^CT1");
        assertThat(change(r, "PatientIdentityRemoved")).containsEntry("action", "added").containsEntry("after", "YES");

        Response retained = json("{'processor': {'type': 'ps315', 'retain_uids': true}, 'instance': {'sop_instance_uid': '"
                + CT_SOP + "'}}");
        assertThat(changes(retained)).extracting(c -> c.get("keyword")).doesNotContain("SOPInstanceUID", "StudyInstanceUID");
        assertThat(body(retained).toString()).doesNotContain("k1");
    }

    @Test
    void aRouteDestinationRunsItsWholeChainWithoutKeepingBrokerMappings() {
        Response r = json("{'route': 'ct_in', 'destination': 'd', 'instance': {'sop_instance_uid': '" + CT_SOP + "'}}");
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> processor = (Map<String, Object>) body(r).get("processor");
        assertThat(processor).containsEntry("kind", "route").containsEntry("route", "CT_IN").containsEntry("destination", "d");
        assertThat(processor.get("steps").toString()).isEqualTo("[{type=tag-modifications, count=1},"
                + " {type=honest-broker, name=hb, labels_only=true}, {type=dicomedit, name=minimal, script=minimal}]");
        assertThat(body(r).toString()).as("no secret in the answer").doesNotContain("test-secret-key");
        assertThat(change(r, "StudyDescription")).containsEntry("after", "FROM-ROUTE");
        // minimal writes the broker's subject (sequential, prefix R) into Patient's Name and ID
        assertThat(change(r, "PatientName")).containsEntry("after", "R000001");
        assertThat(change(r, "PatientID")).containsEntry("before", "1CT1").containsEntry("after", "R000001");
        assertThat(crosswalk.find("hb", IdType.PATIENT_ID, "1CT1")).as("a test keeps no mapping").isNull();

        Response plain = json("{'route': 'CT_IN', 'destination': 'plain', 'instance': {'sample': 'mr_small'}}");
        assertThat(changes(plain)).extracting(c -> c.get("keyword")).containsExactly("StudyDescription");

        assertThat(json("{'route': 'NOPE', 'destination': 'd', 'instance': {'sample': 'ct_small'}}").getStatus())
                .isEqualTo(404);
        assertThat(json("{'route': 'CT_IN', 'destination': 'nope', 'instance': {'sample': 'ct_small'}}").getStatus())
                .isEqualTo(404);
        Response broken = json("{'route': 'BROKEN', 'destination': 'd', 'instance': {'sample': 'ct_small'}}");
        assertThat(broken.getStatus()).isEqualTo(409);
        assertThat(body(broken).get("error")).asString().contains("honest broker 'off' is disabled");
    }

    @Test
    void findsInstancesInTheStorageAreaAndAnswers404ForUnknownOnes() {
        Response r = json("{'processor': {'type': 'dicomedit', 'anon_script': 'site'}, 'instance': {'sop_instance_uid': '"
                + mrSop + "'}}");
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        assertThat(body(r).get("instance")).isEqualTo(Map.of("source", "storage", "sop_instance_uid", mrSop,
                "route", "MR_IN"));
        assertThat(change(r, "PatientName")).containsEntry("after", "SITE");

        Response unknown = json("{'processor': {'type': 'ps315'}, 'instance': {'sop_instance_uid': '1.2.999'}}");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(json("{'processor': {'type': 'ps315'}, 'instance': {'sop_instance_uid': '1.2.3.4'}}").getStatus())
                .as("a spool row whose file was removed").isEqualTo(404);
        Response notUid = json("{'processor': {'type': 'ps315'}, 'instance': {'sop_instance_uid': '../../etc/passwd'}}");
        assertThat(notUid.getStatus()).isEqualTo(400);
        assertThat(body(notUid).get("error")).asString().contains("not a SOP Instance UID");
    }

    @Test
    void invalidProcessorsAndRequestsAre400() {
        Response type = json("{'processor': {'type': 'file'}, 'instance': {'sample': 'ct_small'}}");
        assertThat(type.getStatus()).isEqualTo(400);
        assertThat(body(type).toString()).contains("processor.type");
        Response value = json("{'processor': {'type': 'ps315', 'retain_uids': 'maybe'}, 'instance': {'sample': 'ct_small'}}");
        assertThat(value.getStatus()).isEqualTo(400);
        assertThat(body(value).get("problems").toString()).contains("retain_uids");
        Response script = json("{'processor': {'type': 'dicomedit', 'text': 'version \\'6.3\\'\\n(0010,0010 := x'},"
                + " 'instance': {'sample': 'ct_small'}}");
        assertThat(script.getStatus()).isEqualTo(400);
        assertThat(json("{'processor': {'type': 'ps315'}, 'route': 'CT_IN', 'destination': 'd', 'instance': {'sample':"
                + " 'ct_small'}}").getStatus()).isEqualTo(400);
        assertThat(json("{'processor': {'type': 'ps315'}, 'instance': {'sample': 'nope'}}").getStatus()).isEqualTo(400);
        assertThat(json("{'processor': {'type': 'ps315'}}").getStatus()).isEqualTo(400);
        assertThat(json("{'processor': {'type': 'dicomedit', 'script': 'minimal', 'honest_broker': 'nope'},"
                + " 'instance': {'sample': 'ct_small'}}").getStatus()).isEqualTo(400);
        assertThat(audited).as("nothing ran").isEmpty();
    }

    @Test
    void uploadsTakeTheProcessorFromTheQuery() throws Exception {
        byte[] mr = Files.readAllBytes(Pydicom.corpus("MR_small.dcm"));
        Response r = upload(mr, MediaType.valueOf("application/dicom"),
                Map.of("type", List.of("ps315"), "retain_uids", List.of("true")));
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        assertThat(body(r).get("instance").toString()).contains("source=upload").contains(mrSop);
        assertThat(changes(r)).extracting(c -> c.get("keyword")).contains("PatientName").doesNotContain("SOPInstanceUID");

        String boundary = "----deid" + System.nanoTime();
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mr.dcm\"\r\n"
                + "Content-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        multipart.write(mr);
        multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Response m = upload(multipart.toByteArray(), MediaType.valueOf("multipart/form-data; boundary=" + boundary),
                Map.of("route", List.of("CT_IN"), "destination", List.of("d")));
        assertThat(m.getStatus()).as("%s", m.getEntity()).isEqualTo(200);
        assertThat(change(m, "PatientName")).containsEntry("after", "R000001");

        assertThat(upload(mr, MediaType.valueOf("application/dicom"), Map.of()).getStatus()).isEqualTo(400);
        assertThat(upload("not dicom".getBytes(StandardCharsets.UTF_8), MediaType.valueOf("application/dicom"),
                Map.of("type", List.of("ps315"))).getStatus()).isEqualTo(400);
        assertThat(upload(mr, MediaType.valueOf("multipart/form-data; boundary=zzz"), Map.of("type", List.of("ps315")))
                .getStatus()).isEqualTo(400);
    }

    @Test
    void aRefusedInstanceIsAResultNotAnError() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.7");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.8.498.8");
        ds.setString(Tag.PatientName, VR.PN, "No^Id");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(FileMetaInformation.create(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            w.writeDataset(ds);
        }
        Response r = upload(out.toByteArray(), MediaType.valueOf("application/dicom"),
                Map.of("route", List.of("CT_IN"), "destination", List.of("d")));
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        assertThat(body(r).get("refused")).asString().contains("no Patient ID");
        assertThat(changes(r)).isEmpty();
    }

    @Test
    void fragmentDocumentsTheResource() {
        OpenApiCheck.assertDocuments(DeidOpenApi.load(), DeidTestResource.class);
    }
}

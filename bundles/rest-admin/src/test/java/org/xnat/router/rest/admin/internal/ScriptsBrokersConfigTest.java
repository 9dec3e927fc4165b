package org.xnat.router.rest.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xnat.router.rest.admin.internal.Requests.ADMIN;
import static org.xnat.router.rest.admin.internal.Requests.body;
import static org.xnat.router.rest.admin.internal.Requests.call;
import static org.xnat.router.rest.admin.internal.Requests.json;
import static org.xnat.router.rest.admin.internal.Requests.list;
import static org.xnat.router.rest.admin.internal.Requests.problems;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnat.router.deid.internal.admin.CrosswalksComponent;
import org.xnat.router.deid.internal.admin.ScriptCatalogComponent;
import org.xnat.router.deid.internal.broker.IdType;
import org.xnat.router.deid.internal.broker.InMemoryCrosswalk;
import org.xnat.router.deid.internal.tester.DeidTesterComponent;
import org.xnat.router.rest.AuditLog;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.Role;
import org.xnat.router.testing.Pydicom;

/**
 * Scripts (validated on save, built-ins read-only, tried on samples and on a pydicom corpus file), honest brokers
 * and their crosswalk, settings and configuration versions, on the real config store and the real deid services.
 */
class ScriptsBrokersConfigTest extends StoreFixture {

    private static final String SCRIPT = "version \"6.1\"\n(0010,0010) := \"ANON\"\n-(0008,0080)\n";

    private final List<String> audited = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(String actor, String action, String targetType, String targetId, String remoteAddress,
                Map<String, ?> detail) {
            audited.add(actor + " " + action + " " + targetId);
        }

        @Override
        public void record(Caller caller, String action, String targetType, String targetId, Map<String, ?> detail) {
            record(caller.name(), action, targetType, targetId, caller.remoteAddress(), detail);
        }
    };

    private InMemoryCrosswalk crosswalk;
    private ScriptsResource scripts;
    private BrokersResource brokers;
    private SettingsResource settings;
    private ConfigVersionsResource versions;

    @BeforeEach
    void setUp() {
        crosswalk = new InMemoryCrosswalk();
        scripts = new ScriptsResource(store, new DeidTesterComponent(crosswalk), new ScriptCatalogComponent(), audit);
        brokers = new BrokersResource(store, new CrosswalksComponent(crosswalk), audit);
        settings = new SettingsResource(store);
        versions = new ConfigVersionsResource(store);
    }

    private static HttpHeaders contentType(String type) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> method.getName().equals("getMediaType") ? MediaType.valueOf(type) : null);
    }

    @Test
    void scriptsAreValidatedWhenSavedAndBuiltinsAreReadOnly() {
        Response bad = call(() -> scripts.create(json("{'name': 'mine', 'content': 'version \\'6.1\\'\\n(0010,0010 := x'}"),
                null, null, ADMIN));
        assertThat(bad.getStatus()).as("%s", bad.getEntity()).isEqualTo(400);
        assertThat(problems(bad).get(0)).containsEntry("field", "content").containsKey("line").containsKey("column");
        assertThat(problems(bad).get(0).get("line")).isEqualTo(2);
        assertThat(store.current().id()).isZero();

        Response ok = call(() -> scripts.create(json("{'name': 'mine', 'description': 'test script'}".replace("}",
                ", 'content': " + quote(SCRIPT) + "}")), null, null, ADMIN));
        assertThat(ok.getStatus()).as("%s", ok.getEntity()).isEqualTo(201);
        assertThat(body(scripts.get("mine"))).containsEntry("content", SCRIPT).containsEntry("builtin", false);
        assertThat(list(scripts.list())).extracting(m -> m.get("name")).contains("hipaa_standard", "minimal", "mine");
        assertThat(body(scripts.get("hipaa_standard"))).containsEntry("builtin", true);
        assertThat(call(() -> scripts.delete("hipaa_standard", null, null, ADMIN)).getStatus()).isEqualTo(400);
        assertThat(call(() -> scripts.create(json("{'name': 'minimal', 'content': " + quote(SCRIPT) + "}"), null, null, ADMIN))
                .getStatus()).isEqualTo(400);
        assertThat(call(() -> scripts.get("nope")).getStatus()).isEqualTo(404);

        Response validate = scripts.validate(Requests.text("version \"6.1\"\n(0010,0010) := \n"), contentType("text/plain"));
        assertThat(body(validate)).containsEntry("valid", false);
        assertThat(body(scripts.validate(Requests.text(SCRIPT), contentType("text/plain")))).containsEntry("valid", true);
    }

    @Test
    void scriptTestOnABuiltinSampleAndOnAnUploadedCorpusFile() throws Exception {
        call(() -> scripts.create(json("{'name': 'mine', 'content': " + quote(SCRIPT) + "}"), null, null, ADMIN));
        Response r = call(() -> scripts.test(json("{'script': 'mine', 'sample': 'ct_small'}"), null,
                contentType("application/json"), Requests.as("ops", Role.OPERATOR)));
        assertThat(r.getStatus()).as("%s", r.getEntity()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) body(r).get("changes");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c).containsEntry("keyword", "PatientName").containsEntry("action", "changed")
                    .containsEntry("before", "Sample^Patient^Middle").containsEntry("after", "ANON");
        });
        assertThat(changes).anySatisfy(c -> assertThat(c).containsEntry("keyword", "InstitutionName")
                .containsEntry("action", "removed"));
        assertThat(changes).hasSize(2);
        assertThat(audited).containsExactly("ops script.test mine");

        Response unknownSample = call(() -> scripts.test(json("{'script': 'mine', 'sample': 'xx'}"), null,
                contentType("application/json"), ADMIN));
        assertThat(unknownSample.getStatus()).isEqualTo(400);
        assertThat(problems(unknownSample).get(0)).containsEntry("field", "sample");

        Pydicom.assumeAvailable();
        byte[] ct = Files.readAllBytes(Pydicom.corpus("CT_small.dcm"));
        Map<String, String> original = Pydicom.read(Pydicom.corpus("CT_small.dcm"), "PatientName", "PatientID");
        Response upload = call(() -> scripts.test(new ByteArrayInputStream(ct), "hipaa_standard",
                contentType("application/dicom"), ADMIN));
        assertThat(upload.getStatus()).as("%s", upload.getEntity()).isEqualTo(200);
        assertThat(body(upload)).containsEntry("sample", "upload").containsEntry("script", "hipaa_standard");
        assertThat(body(upload).get("changes").toString()).contains(original.get("PatientID"));

        Response garbage = call(() -> scripts.test(new ByteArrayInputStream("not dicom".getBytes(StandardCharsets.UTF_8)),
                "hipaa_standard", contentType("application/dicom"), ADMIN));
        assertThat(garbage.getStatus()).isEqualTo(400);
    }

    @Test
    void brokersAndTheirCrosswalk() throws Exception {
        Response created = call(() -> brokers.create(json("{'name': 'hb', 'broker_type': 'local', 'naming_scheme': 'sequential',"
                + " 'hash_key': 'k-secret'}"), null, null, ADMIN));
        assertThat(created.getStatus()).as("%s", created.getEntity()).isEqualTo(201);
        assertThat(body(created)).containsEntry("hash_key", Secrets.MASK);
        crosswalk.resolve("hb", IdType.PATIENT_ID, "MRN-1", (seq, attempt) -> "SUBJ_" + seq);
        crosswalk.resolve("hb", IdType.PATIENT_ID, "MRN-2", (seq, attempt) -> "SUBJ_" + seq);

        Response page = call(() -> brokers.crosswalk("hb", "mrn-2", "patient_id", "10", "0"));
        assertThat(body(page)).containsEntry("total", 1L);
        assertThat(body(page).get("entries").toString()).contains("SUBJ_2");
        assertThat(call(() -> brokers.crosswalk("hb", null, "bogus", "10", "0")).getStatus()).isEqualTo(400);
        assertThat(call(() -> brokers.crosswalk("hb", null, null, "0", "0")).getStatus()).isEqualTo(400);
        assertThat(call(() -> brokers.crosswalk("nope", null, null, "10", "0")).getStatus()).isEqualTo(404);

        Response lookup = call(() -> brokers.lookup("hb", json("{'type': 'patient_id', 'value': 'MRN-1'}"), ADMIN));
        assertThat(body(lookup)).containsEntry("found", true).containsEntry("research_id", "SUBJ_1");
        Response unseen = call(() -> brokers.lookup("hb", json("{'type': 'patient_id', 'value': 'MRN-9'}"), ADMIN));
        assertThat(body(unseen)).containsEntry("found", false);
        assertThat(crosswalk.find("hb", IdType.PATIENT_ID, "MRN-9")).isNull();
        assertThat(call(() -> brokers.lookup("hb", json("{'value': 'MRN-1'}"), ADMIN)).getStatus()).isEqualTo(400);

        Response csv = call(() -> brokers.crosswalkCsv("hb", null, ADMIN));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) csv.getEntity()).write(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("broker,id_type,original").contains("hb,patient_id,MRN-2,SUBJ_2,2,");
        assertThat(audited).containsExactly("test-admin crosswalk.lookup hb", "test-admin crosswalk.lookup hb",
                "test-admin crosswalk.export hb");
    }

    @Test
    void settingsAndVersions() {
        Response bad = call(() -> settings.put(json("{'resilience': {'max_retries': -1}}"), null, null, ADMIN));
        assertThat(bad.getStatus()).as("%s", bad.getEntity()).isEqualTo(400);
        assertThat(problems(bad)).extracting(p -> p.get("field")).contains("resilience.max_retries");
        assertThat(call(() -> settings.put(json("{'other': {}}"), null, null, ADMIN)).getStatus()).isEqualTo(400);

        Response ok = call(() -> settings.put(json("{'resilience': {'max_retries': 4, 'retry_delay': 10}}"), null, "fewer retries", ADMIN));
        assertThat(ok.getStatus()).as("%s", ok.getEntity()).isEqualTo(200);
        assertThat(store.current().config().resilience().maxRetries()).isEqualTo(4);
        call(() -> settings.put(json("{'resilience': {'max_retries': 7}}"), null, null, ADMIN));
        assertThat(store.current().id()).isEqualTo(2);

        Map<String, Object> history = body(versions.history("10", "0"));
        assertThat(history).containsEntry("current", 2L);
        assertThat(history.get("items").toString()).contains("fewer retries");
        Response diff = versions.diff("1", "2");
        assertThat(body(diff).get("changes").toString()).contains("max_retries").contains("7");
        Response rollback = call(() -> versions.rollback("1", ADMIN));
        assertThat(rollback.getStatus()).as("%s", rollback.getEntity()).isEqualTo(200);
        assertThat(store.current().id()).isEqualTo(3);
        assertThat(store.current().config().resilience().maxRetries()).isEqualTo(4);
        assertThat(call(() -> versions.version("99")).getStatus()).isEqualTo(404);
        assertThat(call(() -> versions.history("0", "0")).getStatus()).isEqualTo(400);

        DestinationsResource destinations = new DestinationsResource(store, null, audit);
        assertThat(call(() -> destinations.create(json("{'name': 'x', 'type': 'xnat', 'url': 'https://xnat.example.org',"
                + " 'password': 'literal-s3cret', 'username': '${XNAT_PW}'}"), null, null, ADMIN)).getStatus()).isEqualTo(201);
        String yaml = (String) versions.export().getEntity();
        assertThat(yaml).contains("max_retries: 4").contains("password: '" + Secrets.MASK + "'")
                .contains("${XNAT_PW}").doesNotContain("literal-s3cret");
        Response imported = call(() -> versions.importYaml(Requests.text(yaml.replace("max_retries: 4", "max_retries: 9")),
                "\"4\"", ADMIN));
        assertThat(imported.getStatus()).as("%s", imported.getEntity()).isEqualTo(200);
        assertThat(store.current().config().resilience().maxRetries()).isEqualTo(9);
        assertThat(ConfigEditor.asMap(ConfigEditor.read(store.current().document(), "destinations").get("x")))
                .containsEntry("password", "literal-s3cret");
        Response stale = call(() -> versions.importYaml(Requests.text(yaml), "\"4\"", ADMIN));
        assertThat(stale.getStatus()).isEqualTo(409);
        Response invalid = call(() -> versions.importYaml(Requests.text("routes:\n  - ae_title: X\n    port: 99999\n"), null, ADMIN));
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(problems(invalid).toString()).contains("port");
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\'") + "'";
    }
}

package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.DestinationFactory;

class DicomDestinationFactoryTest {

    private final DicomDestinationFactory factory = new DicomDestinationFactory();

    @TempDir
    Path dir;

    private static Map<String, Object> valid() {
        return new HashMap<>(Map.of("ae_title", "PACS", "host", "pacs.example.org"));
    }

    private static List<ConfigProblem> problems(Map<String, Object> props) {
        try {
            new DicomDestinationFactory().validate(new ComponentConfig("d", "dicom", props));
        } catch (InvalidConfigurationException e) {
            return e.problems();
        }
        return List.of();
    }

    private static List<ConfigProblem> problemsWith(String key, Object value) {
        Map<String, Object> p = valid();
        p.put(key, value);
        return problems(p);
    }

    @Test
    void defaults() throws Exception {
        DicomDestinationConfig c = DicomDestinationConfig.parse(new ComponentConfig("pacs", "dicom", valid()));
        assertThat(c.calledAeTitle()).isEqualTo("PACS");
        assertThat(c.host()).isEqualTo("pacs.example.org");
        assertThat(c.port()).isEqualTo(104);
        assertThat(c.callingAeTitle()).isEqualTo("XNATROUTER");
        assertThat(c.tls()).isNull();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.maxAssociations()).isEqualTo(2);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(problems(Map.of())).extracting(ConfigProblem::field).containsExactlyInAnyOrder("ae_title", "host");
        assertThat(problems(Map.of("ae_title", "   ", "host", ""))).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("ae_title", "host");
    }

    @Test
    void aeTitlesFollowTheAeVr() {
        for (String field : List.of("ae_title", "calling_ae_title")) {
            assertThat(problemsWith(field, "ABCDEFGHIJKLMNOPQ")).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains("16");
            });
            assertThat(problemsWith(field, "A\\B")).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains("backslash");
            });
            assertThat(problemsWith(field, "A\tB")).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo(field);
                assertThat(p.message()).contains("control");
            });
            assertThat(problemsWith(field, "PACSÄ")).singleElement().extracting(ConfigProblem::field).isEqualTo(field);
            assertThat(problemsWith(field, "  SIXTEEN_CHARS_1  ")).isEmpty(); // surrounding spaces are not significant
        }
    }

    @Test
    void portMustBeAValidTcpPort() {
        for (Object bad : List.of(0, 65536, -1, "x", "104a")) {
            assertThat(problemsWith("port", bad)).as(String.valueOf(bad)).singleElement()
                    .extracting(ConfigProblem::field).isEqualTo("port");
        }
        assertThat(problemsWith("port", "11112")).isEmpty();
        assertThat(problemsWith("port", 65535)).isEmpty();
    }

    @Test
    void hostMustLookLikeAHost() {
        for (String bad : List.of("pacs example.org", "http://pacs/", "pa\u0000cs")) {
            assertThat(problemsWith("host", bad)).as(bad).singleElement().extracting(ConfigProblem::field).isEqualTo("host");
        }
        assertThat(problemsWith("host", "[::1]")).isEmpty();
        assertThat(problemsWith("host", "10.0.0.7")).isEmpty();
    }

    @Test
    void numbersAreRangeChecked() {
        assertThat(problemsWith("max_associations", 0)).singleElement().extracting(ConfigProblem::field).isEqualTo("max_associations");
        assertThat(problemsWith("max_associations", 33)).singleElement().extracting(ConfigProblem::field).isEqualTo("max_associations");
        assertThat(problemsWith("connect_timeout_seconds", 0)).singleElement().extracting(ConfigProblem::field)
                .isEqualTo("connect_timeout_seconds");
        assertThat(problemsWith("response_timeout_seconds", "soon")).singleElement().extracting(ConfigProblem::field)
                .isEqualTo("response_timeout_seconds");
        assertThat(problemsWith("idle_timeout_seconds", -1)).singleElement().extracting(ConfigProblem::field)
                .isEqualTo("idle_timeout_seconds");
        assertThat(problemsWith("idle_timeout_seconds", 0)).isEmpty();
    }

    @Test
    void theLegacyTimeoutIsTheDefaultOfBothTimeouts() throws Exception {
        Map<String, Object> p = valid();
        p.put("timeout", 45);
        DicomDestinationConfig c = DicomDestinationConfig.parse(new ComponentConfig("pacs", "dicom", p));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.responseTimeout()).isEqualTo(Duration.ofSeconds(45));
        p.put("response_timeout_seconds", 300);
        assertThat(DicomDestinationConfig.parse(new ComponentConfig("pacs", "dicom", p)).responseTimeout())
                .isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void tlsFilesMustExistAndBePem() throws Exception {
        Map<String, Object> p = valid();
        p.put("tls", true);
        p.put("tls_trust", dir.resolve("missing.pem").toString());
        assertThat(problems(p)).singleElement().satisfies(pr -> {
            assertThat(pr.field()).isEqualTo("tls_trust");
            assertThat(pr.message()).contains("not a readable file");
        });
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        p.put("tls_trust", junk.toString());
        assertThat(problems(p)).singleElement().extracting(ConfigProblem::field).isEqualTo("tls_trust");
        p.remove("tls_trust");
        p.put("tls_certificate", junk.toString());
        assertThat(problems(p)).extracting(ConfigProblem::field).contains("tls_certificate");
        p.put("use_tls", "perhaps");
        assertThat(problems(p)).extracting(ConfigProblem::field).contains("use_tls");
    }

    @Test
    void tlsWithTheJvmTrustNeedsNoFiles() throws Exception {
        Map<String, Object> p = valid();
        p.put("tls_enabled", "true");
        DicomDestinationConfig c = DicomDestinationConfig.parse(new ComponentConfig("pacs", "dicom", p));
        assertThat(c.tls()).isNotNull();
        assertThat(c.tls().options()).isNotNull();
        assertThat(c.tls().certificate()).isNull();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of("port", 0, "calling_ae_title", "WAY_TOO_LONG_AE_TITLE", "max_associations", "many")))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("ae_title", "host", "port", "calling_ae_title", "max_associations");
    }

    @Test
    void createRefusesWhatValidateRefusesAndContactsNobody() throws Exception {
        assertThatThrownBy(() -> factory.create(new ComponentConfig("d", "dicom", Map.of("host", "x"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("ae_title");
        // a host that cannot be resolved: creating must still succeed, it contacts nothing
        Map<String, Object> p = valid();
        p.put("host", "no-such-host.invalid");
        try (var d = factory.create(new ComponentConfig("d", "dicom", p))) {
            assertThat(d.name()).isEqualTo("d");
        }
    }

    @Test
    void registersAsTheDicomDestinationType() throws Exception {
        assertThat(factory.type()).isEqualTo("dicom");
        Path xml = Path.of("target/classes/OSGI-INF/" + DicomDestinationFactory.class.getName() + ".xml");
        String descriptor = Files.readString(xml);
        assertThat(descriptor).contains("<property name=\"" + DestinationFactory.TYPE_PROPERTY
                + "\" type=\"String\" value=\"dicom\"/>")
                .contains("<provide interface=\"" + DestinationFactory.class.getName() + "\"/>");
    }
}

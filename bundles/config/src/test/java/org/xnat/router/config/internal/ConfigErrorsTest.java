package org.xnat.router.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xnat.router.config.ConfigFileException;
import org.xnat.router.config.ConfigIssue;

/** Every kind of invalid file stops the read with the file, line, column and field of each problem. */
class ConfigErrorsTest {

    private static ConfigIssue only(List<ConfigIssue> issues) {
        assertThat(issues).hasSize(1);
        return issues.get(0);
    }

    @Test
    void unknownDestinationInARoute() {
        ConfigIssue i = only(Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 11112
                    destinations:
                      - destination: store
                      - destination: stroe
                """)));
        assertThat(i.line()).isEqualTo(10);
        assertThat(i.column()).isEqualTo(22);
        assertThat(i.field()).isEqualTo("routes[0].destinations[1].destination");
        assertThat(i.message()).isEqualTo("unknown destination 'stroe' (configured: store)");
        assertThat(i.file()).isEqualTo("test.yaml");
    }

    @Test
    void twoRoutesOnOnePort() {
        ConfigIssue i = only(Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 11112
                    destinations: [store]
                  - ae_title: B
                    port: 11112
                    destinations: [store]
                """)));
        assertThat(i.line()).isEqualTo(10);
        assertThat(i.field()).isEqualTo("routes[1].port");
        assertThat(i.message()).contains("port 11112 is already used by routes[0] (A)");
    }

    @Test
    void aeTitlesLongerThan16OrWithBackslashOrControlCharacters() {
        List<ConfigIssue> issues = Configs.problems("""
                destinations:
                  pacs:
                    type: dicom
                    ae_title: "PACS\\\\ONE"
                    host: pacs
                    calling_ae_title: "ROUTER\\u0001"
                routes:
                  - ae_title: A_VERY_LONG_AE_TITLE
                    port: 104
                    allowed_calling_aes: [OK, "BAD\\tAE"]
                    destinations: [pacs]
                """);
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(4, "destinations.pacs.ae_title", "must not contain a backslash"),
                tuple(6, "destinations.pacs.calling_ae_title", "must not contain control characters"),
                tuple(8, "routes[0].ae_title", "must be at most 16 characters, 'A_VERY_LONG_AE_TITLE' has 20"),
                tuple(10, "routes[0].allowed_calling_aes[1]", "must not contain control characters"));
    }

    @Test
    void sixteenCharactersAreAllowedAndSurroundingSpacesDoNotCount() {
        var config = Configs.read(Configs.withRoutes("""
                  - ae_title: " SIXTEEN_CHARS_AE "
                    port: 104
                    destinations: [store]
                """)).config();
        assertThat(config.routes().get(0).aeTitle()).isEqualTo("SIXTEEN_CHARS_AE");
    }

    @Test
    void badRegularExpressions() {
        List<ConfigIssue> issues = Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 104
                    destinations: [store]
                    routing_rules:
                      - tag: PatientName
                        operator: matches
                        value: "PHANTOM(["
                        destinations: [store]
                    tag_modifications:
                      - tag: PatientID
                        action: replace
                        pattern: "*abc"
                """));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field).containsExactly(
                tuple(12, "routes[0].routing_rules[0].value"),
                tuple(17, "routes[0].tag_modifications[0].pattern"));
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).startsWith("is not a valid regular expression"));
    }

    @Test
    void portsOutOfRange() {
        List<ConfigIssue> issues = Configs.problems("""
                destinations:
                  pacs: !<dicom>
                    ae_title: PACS
                    host: pacs
                    port: 70000
                routes:
                  - ae_title: A
                    port: 0
                    destinations: [pacs]
                """);
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(5, "destinations.pacs.port", "must be between 1 and 65535, got 70000"),
                tuple(8, "routes[0].port", "must be between 1 and 65535, got 0"));
    }

    @Test
    void unknownOperatorsAndActions() {
        List<ConfigIssue> issues = Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 104
                    destinations: [store]
                    filters:
                      - tag: Modality
                        operator: like
                        value: MR
                        action: drop
                    validation_rules:
                      - type: tag_regex
                        tag: Modality
                        on_failure: ignore
                    tag_modifications:
                      - tag: Modality
                        action: upper
                """));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(11, "routes[0].filters[0].operator",
                        "unknown operator 'like': use equals, contains, starts_with, ends_with, matches or in"),
                tuple(13, "routes[0].filters[0].action", "unknown action 'drop': use include or exclude"),
                tuple(15, "routes[0].validation_rules[0].type",
                        "unknown type 'tag_regex': use required_tag, tag_value, tag_length or modality_check"),
                tuple(17, "routes[0].validation_rules[0].on_failure",
                        "unknown on failure 'ignore': use reject, warn or log"),
                tuple(20, "routes[0].tag_modifications[0].action",
                        "unknown action 'upper': use set, copy_from, prefix, suffix, replace, remove or hash"));
    }

    @Test
    void missingRequiredFields() {
        List<ConfigIssue> issues = Configs.problems("""
                destinations:
                  pacs:
                    type: dicom
                    host: pacs
                  xnat:
                    type: xnat
                  files: !<file>
                    directory_pattern: "{PatientID}"
                routes:
                  - port: 104
                    destinations:
                      - enabled: false
                    routing_rules:
                      - operator: equals
                        value: MR
                        destinations: [pacs]
                  - ae_title: B
                    destinations: [pacs]
                """);
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field).containsExactly(
                tuple(3, "destinations.pacs.ae_title"),
                tuple(6, "destinations.xnat.url"),
                tuple(7, "destinations.files.path"), // the mapping starts at its tag
                tuple(10, "routes[0].ae_title"),
                tuple(12, "routes[0].destinations[0].destination"),
                tuple(14, "routes[0].routing_rules[0].tag"),
                tuple(17, "routes[1].port"));
        assertThat(issues).allSatisfy(i -> assertThat(i.message()).isEqualTo("is required"));
    }

    @Test
    void wrongValueTypes() {
        List<ConfigIssue> issues = Configs.problems("""
                resilience:
                  max_retries: many
                destinations:
                  pacs: !<dicom>
                    ae_title: [PACS]
                    host: pacs
                routes:
                  - ae_title: A
                    port: "eleven"
                    enabled: maybe
                    destinations:
                      destination: pacs
                """);
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(2, "resilience.max_retries", "must be a whole number, got 'many'"),
                tuple(5, "destinations.pacs.ae_title", "must be a single value, not a list"),
                tuple(9, "routes[0].port", "must be a whole number, got 'eleven'"),
                tuple(10, "routes[0].enabled", "must be true or false, got 'maybe'"),
                tuple(12, "routes[0].destinations", "must be a list (items starting with '- '), not a map"));
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        List<ConfigIssue> issues = Configs.problems("""
                destinations:
                  pacs: !<dicom>
                    ae_title: PACS
                    host: pacs
                    port: -1
                  web: !<xnat>
                    url: ftp://xnat.example.org
                  files: !<file>
                    path: /data
                    directory_pattern: "{PatientId}/{StudyInstanceUID}"
                routes:
                  - ae_title: A
                    port: 104
                    study_timeout_seconds: 0
                    destinations: [pacs, nowhere]
                    routing_rules:
                      - tag: NoSuchKeyword
                        value: x
                        destinations: [elsewhere]
                      - tag: Modality
                        operator: in
                        value: MR
                        destinations: [pacs]
                  - ae_title: B
                    port: 104
                    destinations: [files]
                """);
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field).containsExactly(
                tuple(5, "destinations.pacs.port"),
                tuple(7, "destinations.web.url"),
                tuple(10, "destinations.files.directory_pattern"),
                tuple(14, "routes[0].study_timeout_seconds"),
                tuple(15, "routes[0].destinations[1].destination"),
                tuple(17, "routes[0].routing_rules[0].tag"),
                tuple(19, "routes[0].routing_rules[0].destinations[0]"),
                tuple(20, "routes[0].routing_rules[1].values"),
                tuple(25, "routes[1].port"));
        assertThat(issues.get(2).message()).startsWith("unknown placeholder {PatientId}; known: {AccessionNumber}");
        assertThat(issues.get(5).message()).isEqualTo(
                "'NoSuchKeyword' is neither a DICOM keyword (like Modality) nor a tag written (gggg,eeee)");
        assertThat(issues.get(7).message()).isEqualTo("is required for operator in (a list of values)");
    }

    @Test
    void referencesToHonestBrokersAreChecked() {
        List<ConfigIssue> issues = Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 104
                    destinations:
                      - destination: store
                        use_honest_broker: true
                      - destination: store
                        honest_broker: missing
                """));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field, ConfigIssue::message).containsExactly(
                tuple(10, "routes[0].destinations[0].honest_broker", "is required when use_honest_broker is true"),
                tuple(12, "routes[0].destinations[1].honest_broker", "unknown honest broker 'missing' (none is configured)"));
    }

    @Test
    void ruleSpecificRequirements() {
        List<ConfigIssue> issues = Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 104
                    destinations: [store]
                    validation_rules:
                      - type: tag_length
                        tag: PatientID
                      - type: tag_length
                        tag: PatientID
                        min_length: 9
                        max_length: 3
                      - type: modality_check
                    tag_modifications:
                      - tag: PatientID
                        action: copy_from
                      - tag: PatientID
                        action: prefix
                    routing_rules:
                      - tag: Modality
                        value: MR
                """));
        assertThat(issues).extracting(ConfigIssue::line, ConfigIssue::field).containsExactly(
                tuple(10, "routes[0].validation_rules[0].min_length"),
                tuple(15, "routes[0].validation_rules[1].max_length"),
                tuple(16, "routes[0].validation_rules[2].values"),
                tuple(18, "routes[0].tag_modifications[0].source_tag"),
                tuple(20, "routes[0].tag_modifications[1].value"),
                tuple(23, "routes[0].routing_rules[0].destinations"));
    }

    @Test
    void yamlSyntaxErrorsPointAtTheLine() {
        ConfigIssue i = only(Configs.problems("""
                routes:
                  - ae_title: A
                    port: 104
                   destinations: [x]
                """));
        assertThat(i.line()).isEqualTo(4);
        assertThat(i.message()).startsWith("not valid YAML:");
    }

    @Test
    void duplicateKeysAreErrors() {
        ConfigIssue i = only(Configs.problems(Configs.withRoutes("""
                  - ae_title: A
                    port: 104
                    port: 105
                    destinations: [store]
                """)));
        assertThat(i.line()).isEqualTo(8);
        assertThat(i.field()).isEqualTo("routes[0].port");
        assertThat(i.message()).isEqualTo("duplicate key 'port' (first on line 7)");
    }

    @Test
    void theTypeKeyMustAgreeWithTheTag() {
        ConfigIssue i = only(Configs.problems("""
                destinations:
                  pacs: !<dicom>
                    type: file
                    ae_title: PACS
                    host: pacs
                """));
        assertThat(i.line()).isEqualTo(3);
        assertThat(i.message()).isEqualTo("says 'file' but the tag says 'dicom'");
    }

    @Test
    void theExceptionMessageNamesFileLineAndFieldOfEachProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, Configs.withRoutes("""
                  - ae_title: A
                    port: 99999
                    destinations: [nowhere]
                """));
        ConfigFileException e = assertThatExceptionOfType(ConfigFileException.class)
                .isThrownBy(() -> Configs.FILES.read(file, Map.of())).actual();
        assertThat(e.getMessage()).isEqualTo("2 problems in configuration:\n"
                + "  " + file + ":7:11: routes[0].port: must be between 1 and 65535, got 99999\n"
                + "  " + file + ":8:20: routes[0].destinations[0].destination: unknown destination 'nowhere'"
                + " (configured: store)");
        // the router-api view of the same problems, for the admin API
        assertThat(e.problems()).extracting(p -> p.field()).containsExactly("routes[0].port",
                "routes[0].destinations[0].destination");
    }

    @Test
    void hugeAndNonUtf8FilesAreRefused(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "routes: []\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(assertThatExceptionOfType(ConfigFileException.class)
                .isThrownBy(() -> Configs.FILES.read(latin1, Map.of())).actual().issues())
                .extracting(ConfigIssue::message).containsExactly("is not UTF-8 text");

        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, new byte[(int) YamlConfigFiles.MAX_FILE_BYTES + 1]);
        assertThat(assertThatExceptionOfType(ConfigFileException.class)
                .isThrownBy(() -> Configs.FILES.read(huge, Map.of())).actual().getMessage())
                .contains("a configuration file may have at most");
    }

    @Test
    void recursiveAliasesAndAliasBombsAreRefused() {
        ConfigIssue recursive = only(Configs.problems("""
                destinations:
                  x: !<plugin>
                    loop: &a [*a]
                """));
        assertThat(recursive.field()).startsWith("destinations.x.loop");
        assertThat(recursive.message()).contains("nested more than");

        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        assertThat(Configs.problems(bomb.toString())).first()
                .satisfies(i -> assertThat(i.message()).startsWith("not valid YAML"));
    }
}

package org.xnat.router.destination.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.DestinationFactory;

class FileDestinationFactoryTest {

    private final FileDestinationFactory factory = new FileDestinationFactory();

    private static List<ConfigProblem> problems(Map<String, Object> props) {
        try {
            new FileDestinationFactory().validate(new ComponentConfig("d", "file", props));
        } catch (InvalidConfigurationException e) {
            return e.problems();
        }
        return List.of();
    }

    @Test
    void missingPathNamesTheField() {
        assertThat(problems(Map.of())).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("path");
            assertThat(p.message()).contains("required");
        });
    }

    @Test
    void unknownPlaceholderNamesTheFieldAndThePlaceholder() {
        assertThat(problems(Map.of("path", "/data", "directory_pattern", "{PatientID}/{Foo}")))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("directory_pattern");
                    assertThat(p.message()).contains("{Foo}").contains("{PatientID}");
                });
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of("create_path", "maybe", "directory_pattern", "/{Bar}/../x", "min_free_mb", "lots")))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("path", "directory_pattern", "directory_pattern", "directory_pattern",
                        "min_free_mb", "create_path");
    }

    @Test
    void patternSyntaxErrorsAreRefused() {
        for (String bad : List.of("{PatientID", "PatientID}", "a//b", "a\\b", "{{PatientID}}", ".", "x/..")) {
            assertThat(problems(Map.of("path", "/data", "directory_pattern", bad))).as(bad)
                    .isNotEmpty().allSatisfy(p -> assertThat(p.field()).isEqualTo("directory_pattern"));
        }
    }

    @Test
    void validConfigurationsPass() {
        assertThatCode(() -> factory.validate(new ComponentConfig("d", "file", Map.of("path", "/data")))).doesNotThrowAnyException();
        assertThatCode(() -> factory.validate(new ComponentConfig("d", "file", Map.of("path", "/data",
                "directory_pattern", "{CallingAE}/{StudyDate}_{StudyTime}/{Modality}-{AccessionNumber}-{StudyDescription}/",
                "min_free_mb", 10)))).doesNotThrowAnyException();
    }

    @Test
    void createRefusesWhatValidateRefuses() {
        assertThatThrownBy(() -> factory.create(new ComponentConfig("d", "file", Map.of("path", "/x",
                "directory_pattern", "{Nope}"))))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("{Nope}");
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() throws Exception {
        FileDestinationConfig c = FileDestinationConfig.parse(new ComponentConfig("d", "file",
                Map.of("path", "./data/../data/received")));
        assertThat(c.root()).isEqualTo(Path.of("").toAbsolutePath().resolve("data/received"));
        assertThat(c.createRoot()).isTrue();
        assertThat(c.pattern()).hasToString("{PatientID}/{StudyInstanceUID}");
    }

    @Test
    void registersAsTheFileDestinationType() throws Exception {
        assertThat(factory.type()).isEqualTo("file");
        // the DS descriptor bnd generated from the annotations is what the router will see
        Path xml = Path.of("target/classes/OSGI-INF/" + FileDestinationFactory.class.getName() + ".xml");
        String descriptor = Files.readString(xml);
        assertThat(descriptor).contains("<property name=\"" + DestinationFactory.TYPE_PROPERTY
                + "\" type=\"String\" value=\"file\"/>")
                .contains("<provide interface=\"" + DestinationFactory.class.getName() + "\"/>");
    }
}

package org.xnat.router.destination.xnat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.ConfigProblem;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.DestinationFactory;

class XnatConfigTest {

    private static final String SECRET = "Sup3r-Secret-Value";

    private static Map<String, Object> valid() {
        Map<String, Object> p = new HashMap<>();
        p.put("url", "https://xnat.example.org/xnat/");
        p.put("username", "router");
        p.put("password", SECRET);
        return p;
    }

    private static List<ConfigProblem> problems(Map<String, Object> props) {
        try {
            new XnatDestinationFactory().validate(new ComponentConfig("x", "xnat", props));
            return List.of();
        } catch (InvalidConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            return e.problems();
        }
    }

    @Test
    void defaultsAndNormalisedUrl() throws Exception {
        XnatConfig c = XnatConfig.parse(new ComponentConfig("x", "xnat", valid()));
        assertThat(c.baseUrl()).hasToString("https://xnat.example.org/xnat");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.uploadTimeout()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(c.resolve("/data/JSESSION", null)).hasToString("https://xnat.example.org/xnat/data/JSESSION");
        assertThat(c.toString()).doesNotContain(SECRET).contains("password=***");
    }

    @Test
    void everyMissingFieldIsNamed() {
        assertThat(problems(Map.of())).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("url", "username", "password");
    }

    @Test
    void badValuesAreRefusedFieldByField() {
        Map<String, Object> p = valid();
        p.put("url", "ftp://xnat.example.org");
        p.put("timeout", "soon");
        p.put("upload_timeout", 0);
        assertThat(problems(p)).extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder("url", "timeout", "upload_timeout");

        for (String url : List.of("https://router:" + SECRET + "@xnat.example.org", "https://xnat.example.org/?a=b",
                "not a url", "http:///nohost")) {
            Map<String, Object> q = valid();
            q.put("url", url);
            assertThat(problems(q)).as(url).singleElement().satisfies(pr -> assertThat(pr.field()).isEqualTo("url"));
        }
    }

    @Test
    void registersAsTheXnatDestinationType() throws Exception {
        assertThat(new XnatDestinationFactory().type()).isEqualTo("xnat");
        Path xml = Path.of("target/classes/OSGI-INF/" + XnatDestinationFactory.class.getName() + ".xml");
        assertThat(Files.readString(xml))
                .contains("<property name=\"" + DestinationFactory.TYPE_PROPERTY + "\" type=\"String\" value=\"xnat\"/>")
                .contains("<provide interface=\"" + DestinationFactory.class.getName() + "\"/>");
    }
}

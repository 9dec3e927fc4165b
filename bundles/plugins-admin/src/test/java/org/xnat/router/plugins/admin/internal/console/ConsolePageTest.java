package org.xnat.router.plugins.admin.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.health.HealthReport;
import org.xnat.router.api.health.HealthStatus;
import org.xnat.router.plugins.admin.internal.PluginInfo;
import org.xnat.router.routing.RoutingStatus;

class ConsolePageTest {

    private static String render(ConsoleSnapshot s) {
        StringWriter w = new StringWriter();
        ConsolePage.render(s, new PrintWriter(w));
        return w.toString();
    }

    @Test
    void showsRoutesDestinationsQueuesHealthAndPlugins() {
        String html = render(new ConsoleSnapshot(true,
                List.of(new RoutingStatus.RouteStatus("ROUTER", 11112, true, true, "", List.of("pacs", "json")),
                        new RoutingStatus.RouteStatus("OTHER", 104, true, false, "port 104 in use", List.of())),
                List.of(new RoutingStatus.DestinationStatus("pacs", "dicom", "instance", true, "", 3, 1, 0),
                        new RoutingStatus.DestinationStatus("json", "dicom-json", "instance", false,
                                "destination type 'dicom-json' is not installed", 7, 0, 2)),
                List.of(new ConsoleSnapshot.NamedHealth("database", HealthReport.up("embedded PostgreSQL 16.4")),
                        new ConsoleSnapshot.NamedHealth("routing", new HealthReport(HealthStatus.DEGRADED, "json unavailable"))),
                List.of(new PluginInfo(162, "org.example.s3", "1.0.0", "ACTIVE", List.of("destination:s3"), "1/1",
                        "deploy/s3.jar", ""))));
        assertThat(html).contains("2 route(s), 1 listening", "2 destination(s), 1 available",
                "queue: 10 waiting, 1 sending, 2 failed", "1 plugin(s)");
        assertThat(html).contains("<td>ROUTER</td><td>11112</td><td>yes</td><td>yes</td><td>pacs, json</td>");
        assertThat(html).contains("<td>OTHER</td><td>104</td><td>yes</td><td>no</td><td></td><td>port 104 in use</td>");
        assertThat(html).contains("<td>json</td><td>dicom-json</td><td>instance</td><td>no</td><td>7</td><td>0</td><td>2</td>"
                + "<td>destination type &#39;dicom-json&#39; is not installed</td>");
        assertThat(html).contains("<td>routing</td><td>DEGRADED</td><td>json unavailable</td>");
        assertThat(html).contains("<td>162</td><td>org.example.s3</td><td>1.0.0</td><td>ACTIVE</td><td>destination:s3</td>"
                + "<td>1/1</td><td>deploy/s3.jar</td>");
    }

    @Test
    void valuesFromPeersAndPluginsAreEscaped() {
        String html = render(new ConsoleSnapshot(true, List.of(),
                List.of(new RoutingStatus.DestinationStatus("<script>alert(1)</script>", "x", "instance", false,
                        "\"quoted\" & <b>", 0, 0, 0)),
                List.of(), List.of()));
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;quoted&quot; &amp; &lt;b&gt;");
    }

    @Test
    void saysSoWhenTheEngineIsNotRunning() {
        String html = render(new ConsoleSnapshot(false, List.of(), List.of(), List.of(), List.of()));
        assertThat(html).contains("The routing engine is not running").doesNotContain("route(s)");
    }
}

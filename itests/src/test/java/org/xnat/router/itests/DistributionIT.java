package org.xnat.router.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the real distribution and checks the foundation every capability stands on: bundles,
 * DS components, the embedded database with its schema, and the health endpoint.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {


    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    @Filter(value = "(dataSourceName=router)", timeout = 120_000)
    private DataSource dataSource;

    @Configuration
    public Option[] config() {
        return RouterDistribution.options(RouterDistribution.freePort());
    }

    private List<Bundle> routerBundles() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.xnat.")) {
                bundles.add(b);
            }
        }
        return bundles;
    }

    @Test
    public void everyRouterBundleIsActive() {
        List<Bundle> bundles = routerBundles();
        Set<String> names = new TreeSet<>();
        for (Bundle b : bundles) {
            names.add(b.getSymbolicName());
            assertEquals(b.getSymbolicName() + " is not active", Bundle.ACTIVE, b.getState());
        }
        for (String expected : List.of("org.xnat.router.api", "org.xnat.dicom.core", "org.xnat.dicom.net",
                "org.xnat.router.persistence", "org.xnat.router.rest.core", "org.xnat.router.config",
                "org.xnat.router.destination.file", "org.xnat.router.destination.xnat",
                "org.xnat.router.destination.dicom", "org.xnat.router.routing", "org.xnat.router.deid")) {
            assertTrue(expected + " missing from " + names, names.contains(expected));
        }
    }

    @Test
    public void everyRouterComponentIsSatisfied() {
        int seen = 0;
        for (Bundle b : routerBundles()) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(b)) {
                if (!description.defaultEnabled) {
                    continue;
                }
                seen++;
                assertTrue(description.name + " is not enabled", scr.isComponentEnabled(description));
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    assertTrue(description.name + " is unsatisfied: " + List.of(configuration.unsatisfiedReferences),
                            configuration.state == ComponentConfigurationDTO.ACTIVE
                                    || configuration.state == ComponentConfigurationDTO.SATISFIED);
                }
            }
        }
        assertTrue("no router DS components found", seen >= 3);
    }

    @Test
    public void healthIsUpWithTheEmbeddedDatabase() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RouterDistribution.httpPort() + "/api/health"))
                .timeout(Duration.ofSeconds(10)).build();
        JsonNode health = null;
        int status = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (response.body().startsWith("{")) {
                    health = new ObjectMapper().readTree(response.body());
                    if ("UP".equals(health.path("status").asText())) {
                        break;
                    }
                }
            } catch (java.io.IOException notYetListening) {
                // the HTTP service or the JAX-RS application is still starting
            }
            Thread.sleep(500);
        }
        assertTrue("no JSON health answer, last HTTP status " + status, health != null);
        assertEquals(health.toString(), 200, status);
        assertEquals(health.toString(), "UP", health.path("status").asText());
        assertEquals(health.toString(), "UP", health.path("database").path("status").asText());
        assertTrue(health.toString(), health.path("database").path("detail").asText().contains("embedded"));
        assertFalse(health.path("version").asText().isEmpty());
        assertTrue(health.path("uptime").asLong() > 0);
    }

    @Test
    public void liquibaseCreatedTheSchema() throws Exception {
        Set<String> tables = new TreeSet<>();
        Set<String> indexes = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = current_schema()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes where schemaname = current_schema()")) {
                while (rs.next()) {
                    if (rs.getString(2).contains("USING gin")) {
                        indexes.add(rs.getString(1));
                    }
                }
            }
        }
        for (String table : List.of("routes", "destinations", "transfers", "metrics", "dicom_studies",
                "dicom_series", "dicom_instances", "databasechangelog", "databasechangeloglock")) {
            assertTrue(table + " missing from " + tables, tables.contains(table));
        }
        assertTrue("expected GIN indexes (full text and JSONB), found " + indexes, indexes.size() >= 3);
    }

    @Test
    public void webConsoleRequiresCredentials() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RouterDistribution.httpPort() + "/system/console/bundles")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:itest-" + RouterDistribution.httpPort()).getBytes());
        HttpResponse<String> authorized = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RouterDistribution.httpPort() + "/system/console/bundles"))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, authorized.statusCode());
    }
}

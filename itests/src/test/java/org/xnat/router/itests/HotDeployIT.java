package org.xnat.router.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.io.DicomReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hot deploy of a plugin into a running router: the example plugin's bundle (destination type
 * {@code dicom-json}) is dropped into {@code deploy/} of the booted distribution, whose {@code config.yaml}
 * already routes to a destination of that type. Instances sent with dcmtk's storescu come out as DICOM JSON
 * with bulk data files; with the bundle removed the destination is unavailable and new instances wait in the
 * queue; with the bundle back they are delivered. {@code router:plugins} and the web console's "DICOM Router"
 * tab show the plugin and the destination's state on the way.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {

    private static final String CONFIG = "router.config";
    private static final String PLUGIN = "router.itest.plugin";
    private static final String OUTPUT = "router.itest.output";
    private static final String DICOM_PORT = "router.itest.dicom.port";
    private static final String AE_TITLE = "HOTDEPLOY";
    private static final String DESTINATION = "json";
    private static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    private static final Path STORESCU = Path.of("/usr/bin/storescu");

    @Inject
    private BundleContext context;

    /** Runs in the test JVM: writes the configuration the engine reads at activation, before the boot. */
    @Configuration
    public Option[] config() throws IOException {
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hotdeploy-");
        Path output = work.resolve("json-out");
        int dicomPort = RouterDistribution.freePort();
        Path config = work.resolve("config.yaml");
        Files.writeString(config, String.join("\n",
                "destinations:",
                "  " + DESTINATION + ":",
                "    type: dicom-json",
                "    description: written by the example plugin, which is not installed at boot",
                "    path: " + output,
                "routes:",
                "  - ae_title: " + AE_TITLE,
                "    port: " + dicomPort,
                "    study_timeout_seconds: 2",
                "    destinations:",
                "      - destination: " + DESTINATION,
                ""));
        return OptionUtils.combine(RouterDistribution.options(RouterDistribution.freePort()),
                systemProperty(CONFIG).value(config.toString()),
                systemProperty(PLUGIN).value(pluginJar().toString()),
                systemProperty(OUTPUT).value(output.toString()),
                systemProperty(DICOM_PORT).value(String.valueOf(dicomPort)));
    }

    /**
     * The example plugin's bundle: named by {@code -Drouter.itest.plugin}, else as the reactor built it
     * (the example module is built before the itests), else from the local repository.
     */
    private static Path pluginJar() throws IOException {
        String named = System.getProperty(PLUGIN);
        if (named != null && !named.isBlank()) {
            return Path.of(named).toAbsolutePath();
        }
        Path reactor = Path.of("..", "plugins-sdk", "examples", "dicom-json-destination", "target").toAbsolutePath().normalize();
        Optional<Path> built = jarIn(reactor);
        if (built.isPresent()) {
            return built.get();
        }
        Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"),
                "org", "xnat", "router", "dicom-json-destination");
        if (Files.isDirectory(repo)) {
            try (Stream<Path> versions = Files.list(repo)) {
                for (Path v : versions.sorted().toList()) {
                    built = jarIn(v);
                    if (built.isPresent()) {
                        return built.get();
                    }
                }
            }
        }
        throw new IllegalStateException("The example plugin is not built: run ./mvnw -pl plugins-sdk/examples/dicom-json-destination install first (looked in "
                + reactor + " and " + repo + ")");
    }

    private static Optional<Path> jarIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("dicom-json-destination-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-tests.jar") && !n.endsWith("-javadoc.jar");
            }).findFirst();
        }
    }

    // ------------------------------------------------------------------------------------------ the test

    @Test
    public void pluginDroppedIntoDeployIsUsedRemovedAndRedeployedWithoutLosingInstances() throws Exception {
        Path ct = CORPUS.resolve("CT_small.dcm");
        Path mr = CORPUS.resolve("MR_small.dcm");
        Assume.assumeTrue("dcmtk and pydicom's corpus are installed by .ci/run",
                Files.isExecutable(STORESCU) && Files.isRegularFile(ct) && Files.isRegularFile(mr));
        Path plugin = Path.of(System.getProperty(PLUGIN));
        Path output = Path.of(System.getProperty(OUTPUT));
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path deployed = deploy.resolve("dicom-json-destination.jar");

        // Boot: the route listens, its destination's type is not installed.
        await("route " + AE_TITLE + " listening", Duration.ofSeconds(120), () -> routeListening(AE_TITLE));
        DestinationState before = destination(DESTINATION);
        assertFalse(before.toString(), before.available);
        assertTrue(before.toString(), before.problem.contains("'dicom-json' is not installed"));

        // Drop the bundle: the type appears, the destination becomes available, without a restart.
        Path staging = Files.createTempFile(deploy.getParent(), "plugin-", ".tmp");
        Files.copy(plugin, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, deployed, StandardCopyOption.ATOMIC_MOVE); // fileinstall never sees half a jar
        await("destination available after the drop into deploy/", Duration.ofSeconds(60), () -> destination(DESTINATION).available,
                () -> destination(DESTINATION).toString());
        assertEquals(Bundle.ACTIVE, pluginBundle().orElseThrow().getState());

        storescu(ct);
        Path ctJson = expectedJson(ct, output);
        await(ctJson + " written", Duration.ofSeconds(60), () -> Files.isRegularFile(ctJson), () -> destination(DESTINATION).toString());
        assertJsonOf(ct, ctJson);

        // The administrator sees it: router:plugins and the web console's "DICOM Router" tab.
        String plugins = shell("router:plugins");
        System.out.println("router:plugins with the example plugin deployed:\n" + plugins);
        assertTrue(plugins, plugins.lines().anyMatch(l -> l.contains("org.xnat.router.examples.dicomjson")
                && l.contains("destination:dicom-json") && l.contains("ACTIVE") && l.contains("deploy/dicom-json-destination.jar")));
        String console = consolePage();
        assertTrue(console, console.contains("<td>" + AE_TITLE + "</td><td>" + System.getProperty(DICOM_PORT) + "</td><td>yes</td><td>yes</td>"));
        assertTrue(console, console.contains("<td>" + DESTINATION + "</td><td>dicom-json</td><td>instance</td><td>yes</td>"));
        assertTrue(console, console.contains("<td>org.xnat.router.examples.dicomjson</td>"));

        // Remove it: the type goes away cleanly, the destination reports it, new instances wait.
        Files.delete(deployed);
        await("plugin bundle uninstalled", Duration.ofSeconds(60), () -> pluginBundle().isEmpty());
        await("destination unavailable after the removal", Duration.ofSeconds(30), () -> !destination(DESTINATION).available);
        assertTrue(destination(DESTINATION).problem, destination(DESTINATION).problem.contains("'dicom-json' is not installed"));

        storescu(mr); // accepted: the router spools and queues, whatever the destination's state
        Path mrJson = expectedJson(mr, output);
        await("the MR instance queued", Duration.ofSeconds(30), () -> destination(DESTINATION).pending == 1,
                () -> destination(DESTINATION).toString());
        Thread.sleep(3_000); // several poll cycles of the delivery workers
        DestinationState waiting = destination(DESTINATION);
        assertFalse(waiting.toString(), waiting.available);
        assertEquals(waiting.toString(), 1, waiting.pending);
        assertEquals(waiting.toString(), 0, waiting.failed);
        assertFalse("delivered without the plugin?", Files.exists(mrJson));
        assertFalse(shell("router:plugins"), shell("router:plugins").contains("org.xnat.router.examples.dicomjson"));
        String waitingPage = consolePage();
        assertTrue(waitingPage, waitingPage.contains("<td>" + DESTINATION + "</td><td>dicom-json</td><td>instance</td><td>no</td>"
                + "<td>1</td><td>0</td><td>0</td><td>destination type &#39;dicom-json&#39; is not installed</td>"));

        // Add it again: what waited is delivered.
        Files.copy(plugin, staging, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging, deployed, StandardCopyOption.ATOMIC_MOVE);
        await(mrJson + " written after the redeploy", Duration.ofSeconds(60), () -> Files.isRegularFile(mrJson),
                () -> destination(DESTINATION).toString());
        assertJsonOf(mr, mrJson);
        await("queue empty", Duration.ofSeconds(30), () -> {
            DestinationState s = destination(DESTINATION);
            return s.available && s.pending == 0 && s.inProgress == 0;
        }, () -> destination(DESTINATION).toString());
        assertEquals(0, destination(DESTINATION).failed);
    }

    // ------------------------------------------------------------------------------------------ DICOM

    private static void storescu(Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(STORESCU.toString(), "-aet", "HOTDEPLOY_IT", "-aec", AE_TITLE,
                "127.0.0.1", System.getProperty(DICOM_PORT), file.toString()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("storescu did not finish: " + out);
        }
        assertEquals("storescu " + file + ":\n" + out, 0, p.exitValue());
    }

    private static Attributes read(Path file) throws IOException {
        try (DicomReader r = DicomReader.open(file)) {
            return r.readDataset();
        }
    }

    private static Path expectedJson(Path part10, Path output) throws IOException {
        Attributes ds = read(part10);
        return output.resolve(ds.getString(Tag.StudyInstanceUID)).resolve(ds.getString(Tag.SeriesInstanceUID))
                .resolve(ds.getString(Tag.SOPInstanceUID) + ".json");
    }

    /** The JSON names the instance and its bulk data file holds exactly the sent pixel data. */
    private static void assertJsonOf(Path part10, Path json) throws IOException {
        Attributes sent = read(part10);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(sent.getString(Tag.SOPInstanceUID), doc.path("00080018").path("Value").path(0).asText());
        assertEquals(sent.getString(Tag.StudyInstanceUID), doc.path("0020000D").path("Value").path(0).asText());
        assertEquals(sent.getString(Tag.PatientID), doc.path("00100020").path("Value").path(0).asText());
        String uri = doc.path("7FE00010").path("BulkDataURI").asText();
        assertFalse("pixel data without BulkDataURI: " + doc.path("7FE00010"), uri.isEmpty());
        assertArrayEquals(sent.getBytes(Tag.PixelData), Files.readAllBytes(json.resolveSibling(uri)));
    }

    // ------------------------------------------------------------------------------------------ admin views

    /** The web console tab of the plugins-admin bundle, as the admin user. */
    private static String consolePage() throws Exception {
        int port = RouterDistribution.httpPort();
        String basic = Base64.getEncoder().encodeToString(("admin:itest-" + port).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system/console/dicom-router"))
                        .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(response.body(), 200, response.statusCode());
        return response.body();
    }

    /**
     * Runs a Karaf shell command through the {@code SessionFactory} service (called reflectively through the
     * interface Karaf's shell bundle exports: the itests do not compile against Karaf's shell).
     */
    private String shell(String command) {
        ServiceReference<?> ref = context.getServiceReference("org.apache.karaf.shell.api.console.SessionFactory");
        if (ref == null) {
            throw new AssertionError("no Karaf SessionFactory service");
        }
        Object factory = context.getService(ref);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Class<?> factoryType = ref.getBundle().loadClass("org.apache.karaf.shell.api.console.SessionFactory");
            Class<?> sessionType = ref.getBundle().loadClass("org.apache.karaf.shell.api.console.Session");
            Object session = factoryType.getMethod("create", InputStream.class, PrintStream.class, PrintStream.class)
                    .invoke(factory, new ByteArrayInputStream(new byte[0]), out, out);
            try {
                sessionType.getMethod("execute", CharSequence.class).invoke(session, command);
            } finally {
                sessionType.getMethod("close").invoke(session);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(command + " failed: " + e.getCause() + "\n" + bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            context.ungetService(ref);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------ engine state

    private Optional<Bundle> pluginBundle() {
        return Arrays.stream(context.getBundles())
                .filter(b -> "org.xnat.router.examples.dicomjson".equals(b.getSymbolicName()))
                .filter(b -> b.getState() != Bundle.UNINSTALLED)
                .findFirst();
    }

    record DestinationState(String name, boolean available, String problem, long pending, long inProgress, long failed) {
    }

    /**
     * {@code RoutingStatus} (package {@code org.xnat.router.routing}), called through the interface the routing
     * bundle exports. The itests compile against router-api only, hence reflection on the exported type.
     */
    private List<Object> routingStatus(String method) {
        ServiceReference<?> ref = context.getServiceReference("org.xnat.router.routing.RoutingStatus");
        if (ref == null) {
            return null;
        }
        Object service = context.getService(ref);
        try {
            Method m = ref.getBundle().loadClass("org.xnat.router.routing.RoutingStatus").getMethod(method);
            return new ArrayList<>((List<?>) m.invoke(service));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("RoutingStatus." + method + "() failed", e);
        } finally {
            context.ungetService(ref);
        }
    }

    private static Object component(Object record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(record.getClass() + "." + name + "()", e);
        }
    }

    private boolean routeListening(String aeTitle) {
        List<Object> routes = routingStatus("routes");
        return routes != null && routes.stream().anyMatch(r -> aeTitle.equals(component(r, "aeTitle"))
                && Boolean.TRUE.equals(component(r, "listening")));
    }

    private DestinationState destination(String name) {
        List<Object> all = routingStatus("destinations");
        if (all == null) {
            throw new AssertionError("the RoutingStatus service is gone");
        }
        Map<String, DestinationState> byName = new LinkedHashMap<>();
        for (Object d : all) {
            byName.put((String) component(d, "name"), new DestinationState((String) component(d, "name"),
                    (Boolean) component(d, "available"), (String) component(d, "problem"),
                    (Long) component(d, "pending"), (Long) component(d, "inProgress"), (Long) component(d, "failed")));
        }
        DestinationState s = byName.get(name);
        if (s == null) {
            throw new AssertionError("no destination " + name + " in " + byName.keySet());
        }
        return s;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for: " + what + " " + detail.get());
    }
}

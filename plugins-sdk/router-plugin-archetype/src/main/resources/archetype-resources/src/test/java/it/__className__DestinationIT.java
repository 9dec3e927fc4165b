package ${package}.it;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

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
import org.osgi.framework.FrameworkUtil;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.destination.DestinationFactory;
import org.xnat.router.api.destination.InstanceResult;
import org.xnat.router.api.health.HealthStatus;

/**
 * Boots the router distribution with this plugin's bundle installed, and uses the destination type through
 * the service the router itself would use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${className}DestinationIT {

    @Inject
    private BundleContext context;

    @Inject
    @Filter(value = "(router.destination.type=${destinationType})", timeout = 120_000)
    private DestinationFactory factory;

    @Configuration
    public Option[] config() throws IOException {
        String karaf = System.getProperty("karaf.version");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        int httpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }
        return new Option[] {
            karafDistributionConfiguration()
                .frameworkUrl(new File(System.getProperty("router.distribution")).toURI().toString())
                .karafVersion(karaf)
                .name("XNAT DICOM Router")
                .unpackDirectory(new File("target/exam"))
                .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            keepRuntimeFolder(),
            systemTimeout(240_000),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(httpPort)),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
            // the plugin under test, as this build made it
            bundle(new File(System.getProperty("plugin.bundle")).toURI().toString()),
            // what bin/karaf adds on Java 17 (Pax Exam does not), and the zip check the router's bin/setenv turns off
            vmOptions(
                "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-Xmx512m"),
        };
    }

    @Test
    public void theRouterSeesTheDestinationTypeAndItDelivers() throws Exception {
        Bundle plugin = FrameworkUtil.getBundle(factory.getClass());
        assertEquals("${package}", plugin.getSymbolicName());
        assertEquals(Bundle.ACTIVE, plugin.getState());
        assertEquals("${destinationType}", factory.type());

        try {
            factory.validate(new ComponentConfig("copy", "${destinationType}", Map.of()));
            fail("a configuration without 'directory' was accepted");
        } catch (InvalidConfigurationException expected) {
            assertEquals("directory", expected.problems().get(0).field());
        }

        Path directory = Files.createTempDirectory("${artifactId}-it-");
        byte[] part10 = "a Part 10 stream".getBytes(StandardCharsets.US_ASCII);
        try (Destination destination = factory.create(new ComponentConfig("copy", "${destinationType}",
                Map.of("directory", directory.toString())))) {
            assertEquals(HealthStatus.UP, destination.check().status());
            destination.deliver(new OneInstance("1.2.826.0.1.3680043.2.1125.1", part10));
        }
        Path written = directory.resolve("1.2.826.0.1.3680043.2.1125.1.dcm");
        assertTrue(written + " missing", Files.isRegularFile(written));
        assertArrayEquals(part10, Files.readAllBytes(written));
    }

    /** A delivery of one instance, as the router's queue would hand it over. */
    private static final class OneInstance implements Delivery, DeliveryInstance {
        private final String uid;
        private final byte[] bytes;

        OneInstance(String uid, byte[] bytes) {
            this.uid = uid;
            this.bytes = bytes;
        }

        @Override
        public long transferId() {
            return 1;
        }

        @Override
        public String studyInstanceUid() {
            return "1.2.826.0.1.3680043.2.1125";
        }

        @Override
        public String routeAeTitle() {
            return "ROUTER";
        }

        @Override
        public String callingAeTitle() {
            return "IT";
        }

        @Override
        public Map<String, Object> options() {
            return Map.of();
        }

        @Override
        public List<DeliveryInstance> instances() {
            return List.of(this);
        }

        @Override
        public void progress(int instancesDone, long bytesDone) {
        }

        @Override
        public void instanceResult(InstanceResult result) {
        }

        @Override
        public String sopClassUid() {
            return "1.2.840.10008.5.1.4.1.1.7";
        }

        @Override
        public String sopInstanceUid() {
            return uid;
        }

        @Override
        public String transferSyntaxUid() {
            return "1.2.840.10008.1.2.1";
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream openPart10() {
            return new ByteArrayInputStream(bytes);
        }
    }
}

package org.xnat.router.deid.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomReader;
import org.xnat.dicom.io.ReadOptions;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.config.InvalidConfigurationException;
import org.xnat.router.api.processor.ProcessingException;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.DeidTester;
import org.xnat.router.deid.DeidTestSources;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.TagChange;

/**
 * {@code router:deid-test (--script NAME|FILE | --profile FILE | --route AE --destination NAME) [--var k=v]...
 * (DICOM_FILE | --sop UID)}: runs a DicomEdit script (a built-in name or a script file), the PS3.15 profile (options
 * in a properties file, keys as the {@code ps315} processor's) or the whole chain of a route destination (its tag
 * modifications and de-identification) on a copy of one instance — a file, or an instance the router holds (spool or
 * storage area) — and prints what changed. Nothing is sent, no file changed and no honest broker mapping kept. With
 * {@code --script} and no instance, only checks the script. {@code --route} and {@code --sop} need
 * {@link DeidTestSources} (offered by the admin REST bundle).
 */
@Command(scope = "router", name = "deid-test",
        description = "Tries a de-identification script, the PS3.15 profile or a route destination's processing on one"
                + " DICOM file or stored instance and prints the changes; nothing is sent")
@Service
public class DeidTestCommand implements Action {

    /** Script and profile files are read up to this size. */
    static final long MAX_TEXT = 1 << 20;

    @Reference
    DeidTester tester;

    /** Route destinations and stored instances: absent when the admin REST bundle is not installed. */
    @Reference(optional = true)
    DeidTestSources sources;

    @Option(name = "--script", description = "A built-in script name (passthrough, minimal, hipaa_standard,"
            + " research_safe, hipaa_broker) or a DicomEdit 6 script file")
    String script;

    @Option(name = "--profile", description = "A properties file with ps315 options (retain_uids=true, uid_key=..., ...)")
    String profile;

    @Option(name = "--var", multiValued = true, description = "A script variable, e.g. --var subject=S01")
    List<String> variables;

    @Option(name = "--route", description = "A route's AE title: try what this route does for --destination")
    String route;

    @Option(name = "--destination", description = "With --route: the destination whose processing to try")
    String destination;

    @Option(name = "--sop", description = "The SOP Instance UID of an instance the router holds (spool or storage area)")
    String sop;

    @Argument(index = 0, name = "file", required = false, description = "The DICOM file to try it on")
    String file;

    @Override
    public Object execute() throws IOException {
        int modes = (script != null ? 1 : 0) + (profile != null ? 1 : 0) + (route != null ? 1 : 0);
        if (modes != 1) {
            System.out.println("Give one of --script NAME|FILE, --profile FILE or --route AE --destination NAME");
            return null;
        }
        if ((route == null) != (destination == null)) {
            System.out.println("--route and --destination go together");
            return null;
        }
        if (file != null && sop != null) {
            System.out.println("Give either a DICOM file or --sop UID, not both");
            return null;
        }
        if ((route != null || sop != null) && sources == null) {
            System.out.println("--route and --sop need the router's admin bundle (feature router-rest-admin), which is"
                    + " not running");
            return null;
        }
        DeidChain chain;
        try {
            chain = chain();
        } catch (IllegalArgumentException | IllegalStateException | java.util.NoSuchElementException e) {
            System.out.println(e.getMessage());
            return null;
        }
        if (chain == null) {
            return null;
        }
        if (file == null && sop == null) {
            System.out.println(script != null ? "Script " + script + " is valid"
                    : "Give a DICOM file or --sop UID to try it on");
            return null;
        }
        Path path;
        String what;
        if (sop != null) {
            Optional<DeidTestSources.StoredInstance> stored;
            try {
                stored = sources.storedInstance(sop.strip());
            } catch (IllegalArgumentException e) {
                System.out.println(e.getMessage());
                return null;
            }
            if (stored.isEmpty()) {
                System.out.println("The router holds no instance " + sop.strip() + " (neither in the spool nor in the"
                        + " storage area)");
                return null;
            }
            path = stored.get().file();
            what = sop.strip() + " (" + stored.get().source() + ", route " + stored.get().routeAeTitle() + ")";
        } else {
            path = Path.of(file);
            what = file;
        }
        Attributes dataset;
        // read-only, the header up to the pixel data: a spooled original is never changed
        try (DicomReader r = DicomReader.open(path, ReadOptions.defaults().stopBeforePixelData(true))) {
            dataset = r.readDataset();
        }
        DeidResult result;
        try {
            result = tester.test(chain, dataset);
        } catch (InvalidConfigurationException e) {
            System.out.println("Invalid configuration: " + e.getMessage());
            return null;
        } catch (ProcessingException e) {
            System.out.println("The instance would not be sent: " + e.getMessage());
            return null;
        }
        System.out.println(chain.label() + " on " + what + ":");
        for (TagChange c : result.changes()) {
            String kind = c.added() ? "added  " : c.removed() ? "removed" : "changed";
            System.out.printf("%s %-36s %-28s %s%n", kind, c.path(), c.keyword(),
                    (c.before() == null ? "" : "[" + c.before() + "]") + (c.added() || c.removed() ? "" : " -> ")
                            + (c.after() == null ? "" : "[" + c.after() + "]"));
        }
        System.out.println(result.changes().size() + " change(s); nothing was sent");
        return null;
    }

    /** The chain to try; null (after printing why) when a script has problems or a --var is malformed. */
    private DeidChain chain() throws IOException {
        Map<String, String> vars = new HashMap<>();
        if (variables != null) {
            for (String v : variables) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    System.out.println("--var needs name=value, got '" + v + "'");
                    return null;
                }
                vars.put(v.substring(0, eq).strip(), v.substring(eq + 1));
            }
        }
        if (route != null) {
            DeidChain c = sources.routeChain(route.strip(), destination.strip());
            Map<String, String> merged = new HashMap<>(c.variables());
            merged.putAll(vars);
            return new DeidChain(c.label(), c.preceding(), c.processors(), merged);
        }
        ComponentConfig config = script != null ? scriptConfig(script) : profileConfig(Path.of(profile));
        if (config.get("text").isPresent()) {
            List<ScriptProblem> problems = tester.validateScript(String.valueOf(config.properties().get("text")));
            problems.forEach(p -> System.out.println("script " + script + ": " + p));
            if (!problems.isEmpty()) {
                return null;
            }
        }
        return new DeidChain(script != null ? "script " + script : "profile " + profile, List.of(), List.of(config),
                vars);
    }

    static ComponentConfig scriptConfig(String script) throws IOException {
        Path p = Path.of(script);
        Map<String, Object> props = new LinkedHashMap<>();
        if (Files.isRegularFile(p)) {
            props.put("text", read(p));
        } else {
            props.put("script", script);
        }
        return new ComponentConfig("deid-test", "dicomedit", props);
    }

    static ComponentConfig profileConfig(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(read(file).getBytes(StandardCharsets.UTF_8))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).strip()));
        return new ComponentConfig("deid-test", "ps315", props);
    }

    private static String read(Path p) throws IOException {
        if (Files.size(p) > MAX_TEXT) {
            throw new IllegalArgumentException(p + " is larger than " + MAX_TEXT + " bytes");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}

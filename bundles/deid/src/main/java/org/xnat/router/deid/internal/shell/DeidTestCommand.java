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
import org.xnat.router.deid.DeidResult;
import org.xnat.router.deid.DeidTester;
import org.xnat.router.deid.ScriptProblem;
import org.xnat.router.deid.TagChange;

/**
 * {@code router:deid-test (--script NAME|FILE | --profile FILE) [--var k=v]... DICOM_FILE}: runs a DicomEdit
 * script (a built-in name or a script file) or the PS3.15 profile (options in a properties file, keys as the
 * {@code ps315} processor's) on a copy of one instance and prints what changed. Nothing is sent and no honest broker
 * mapping is kept. With {@code --script} and no file, only checks the script.
 */
@Command(scope = "router", name = "deid-test",
        description = "Tries a de-identification script or the PS3.15 profile on one DICOM file and prints the changes")
@Service
public class DeidTestCommand implements Action {

    /** Script and profile files are read up to this size. */
    static final long MAX_TEXT = 1 << 20;

    @Reference
    DeidTester tester;

    @Option(name = "--script", description = "A built-in script name (passthrough, minimal, hipaa_standard,"
            + " research_safe, hipaa_broker) or a DicomEdit 6 script file")
    String script;

    @Option(name = "--profile", description = "A properties file with ps315 options (retain_uids=true, uid_key=..., ...)")
    String profile;

    @Option(name = "--var", multiValued = true, description = "A script variable, e.g. --var subject=S01")
    List<String> variables;

    @Argument(index = 0, name = "file", required = false, description = "The DICOM file to try it on")
    String file;

    @Override
    public Object execute() throws IOException {
        if ((script == null) == (profile == null)) {
            System.out.println("Give either --script NAME|FILE or --profile FILE");
            return null;
        }
        ComponentConfig config;
        try {
            config = script != null ? scriptConfig(script) : profileConfig(Path.of(profile));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return null;
        }
        if (config.get("text").isPresent()) {
            List<ScriptProblem> problems = tester.validateScript(String.valueOf(config.properties().get("text")));
            problems.forEach(p -> System.out.println("script " + script + ": " + p));
            if (!problems.isEmpty()) {
                return null;
            }
        }
        if (file == null) {
            System.out.println(script != null ? "Script " + script + " is valid" : "Give a DICOM file to try the profile on");
            return null;
        }
        Attributes dataset;
        try (DicomReader r = DicomReader.open(Path.of(file), ReadOptions.defaults().stopBeforePixelData(true))) {
            dataset = r.readDataset();
        }
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
        DeidResult result;
        try {
            result = tester.test(config, dataset, vars);
        } catch (InvalidConfigurationException e) {
            System.out.println("Invalid configuration: " + e.getMessage());
            return null;
        } catch (ProcessingException e) {
            System.out.println("The instance would not be sent: " + e.getMessage());
            return null;
        }
        for (TagChange c : result.changes()) {
            String what = c.added() ? "added  " : c.removed() ? "removed" : "changed";
            System.out.printf("%s %-36s %-28s %s%n", what, c.path(), c.keyword(),
                    (c.before() == null ? "" : "[" + c.before() + "]") + (c.added() || c.removed() ? "" : " -> ")
                            + (c.after() == null ? "" : "[" + c.after() + "]"));
        }
        System.out.println(result.changes().size() + " change(s); nothing was sent");
        return null;
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

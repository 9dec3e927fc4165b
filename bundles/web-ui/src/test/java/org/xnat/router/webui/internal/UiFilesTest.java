package org.xnat.router.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Static checks of the shipped pages: nothing is loaded from another origin (no CDN at run time), every
 * file a page refers to exists and is servable, every form control in the page has a label.
 */
class UiFilesTest {

    static final Path ROOT = Path.of("src/main/resources/webui");
    /** The SVG namespace is an identifier, not a URL that is fetched. */
    static final Pattern EXTERNAL = Pattern.compile("(?i)(?:https?:)?//(?!www\\.w3\\.org/2000/svg)[a-z0-9.-]+\\.[a-z]{2,}[/\"'\\s)]");

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void noPageOrScriptNamesAnotherOrigin() throws IOException {
        List<String> hits = new ArrayList<>();
        for (Path f : files()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = EXTERNAL.matcher(text);
            while (m.find()) {
                hits.add(ROOT.relativize(f) + ": " + m.group());
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void everyShippedFileIsServable() throws IOException {
        for (Path f : files()) {
            String rel = ROOT.relativize(f).toString().replace('\\', '/');
            String url = rel.equals("index.html") ? "/" : "/ui/" + rel;
            assertThat(StaticFiles.resolve(url)).as(url).get().extracting(StaticFiles.File::entry).isEqualTo("webui/" + rel);
        }
    }

    @Test
    void everyReferencedAssetExists() throws IOException {
        Pattern ref = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"|from '\\.{1,2}/([^']+)'|import\\(`\\./pages/\\$\\{page\\}\\.js`\\)");
        List<String> missing = new ArrayList<>();
        for (Path f : files()) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = ref.matcher(text);
            while (m.find()) {
                Path target = m.group(1) != null ? ROOT.resolve(m.group(1).substring(4))
                        : m.group(2) != null ? f.getParent().resolve(m.group().startsWith("from '..") ? "../" + m.group(2) : m.group(2)).normalize()
                        : null;
                if (target != null && !Files.isRegularFile(target)) {
                    missing.add(ROOT.relativize(f) + " -> " + m.group());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyPageModuleNamedByTheShellExists() throws IOException {
        String app = Files.readString(ROOT.resolve("js/app.js"));
        Matcher list = Pattern.compile("const PAGES = \\[([^\\]]+)\\]").matcher(app);
        assertThat(list.find()).isTrue();
        for (String p : list.group(1).replace("'", "").split(",\\s*")) {
            assertThat(ROOT.resolve("js/pages/" + p.strip() + ".js")).as(p).isRegularFile();
        }
    }

    @Test
    void everyControlOfThePageHasALabel() throws IOException {
        String html = Files.readString(ROOT.resolve("index.html"));
        Matcher control = Pattern.compile("<(input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"").matcher(html);
        int n = 0;
        while (control.find()) {
            n++;
            assertThat(html).as("label for #" + control.group(2)).contains("<label for=\"" + control.group(2) + "\"");
        }
        assertThat(n).isGreaterThanOrEqualTo(3);
        assertThat(html).contains("class=\"skip-link\" href=\"#main\"").contains("<main id=\"main\"").contains("<nav ")
                .contains("role=\"banner\"");
    }

    /** A name imported from one of our modules that the module does not export breaks the page at load. */
    @Test
    void everyImportedNameIsExported() throws IOException {
        Pattern imports = Pattern.compile("import \\{([^}]+)\\} from '(\\.{1,2}/[^']+)'");
        Pattern exports = Pattern.compile("export (?:async )?(?:function|const|class|let) ([A-Za-z_$][\\w$]*)");
        List<String> missing = new ArrayList<>();
        for (Path f : files()) {
            if (!f.toString().endsWith(".js")) {
                continue;
            }
            Matcher m = imports.matcher(Files.readString(f));
            while (m.find()) {
                Path module = f.getParent().resolve(m.group(2)).normalize();
                Matcher e = exports.matcher(Files.readString(module));
                List<String> exported = new ArrayList<>();
                while (e.find()) {
                    exported.add(e.group(1));
                }
                for (String name : m.group(1).split(",")) {
                    if (!exported.contains(name.strip())) {
                        missing.add(ROOT.relativize(f) + " imports " + name.strip() + " from " + m.group(2));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}

package org.xnat.router.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses the themes' CSS variables as the browser gets them ({@code webui/css/themes.css}) and computes the WCAG
 * 2.x contrast ratio of every text/background pair the pages use, in every theme: text needs 4.5:1 (AA), the focus
 * ring 3:1 against the backgrounds it is drawn on (non-text contrast).
 */
class ThemeContrastTest {

    static final List<String> THEMES = List.of("light", "dark", "high-contrast", "ocean");

    /** Text colour → the backgrounds it is written on. */
    static final Map<String, List<String>> TEXT_PAIRS = new LinkedHashMap<>();

    static {
        List<String> page = List.of("--bg", "--surface", "--surface-2");
        TEXT_PAIRS.put("--fg", List.of("--bg", "--surface", "--surface-2", "--code-bg", "--diff-del-bg", "--diff-add-bg"));
        for (String text : List.of("--muted", "--link", "--ok", "--warn", "--danger")) {
            TEXT_PAIRS.put(text, page);
        }
        TEXT_PAIRS.put("--accent-fg", List.of("--accent"));
        for (String token : List.of("--tok-keyword", "--tok-string", "--tok-tag", "--tok-comment", "--tok-number",
                "--tok-variable", "--tok-function", "--danger", "--muted")) {
            TEXT_PAIRS.merge(token, List.of("--code-bg"), (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
    }

    static Map<String, Map<String, String>> themes;

    @BeforeAll
    static void parse() throws IOException {
        String css;
        try (InputStream in = ThemeContrastTest.class.getClassLoader().getResourceAsStream("webui/css/themes.css")) {
            assertThat(in).as("webui/css/themes.css on the class path").isNotNull();
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        themes = parseThemes(css);
    }

    /** Each rule block whose selector names {@code data-theme="X"} → its custom properties. */
    static Map<String, Map<String, String>> parseThemes(String css) {
        String noComments = css.replaceAll("(?s)/\\*.*?\\*/", "");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher block = Pattern.compile("([^{}]+)\\{([^}]*)\\}").matcher(noComments);
        Pattern theme = Pattern.compile("data-theme=\"([a-z-]+)\"");
        Pattern declaration = Pattern.compile("(--[a-z0-9-]+)\\s*:\\s*([^;]+);");
        while (block.find()) {
            Matcher t = theme.matcher(block.group(1));
            while (t.find()) {
                Map<String, String> vars = out.computeIfAbsent(t.group(1), k -> new LinkedHashMap<>());
                Matcher d = declaration.matcher(block.group(2));
                while (d.find()) {
                    vars.put(d.group(1), d.group(2).trim());
                }
            }
        }
        return out;
    }

    static double luminance(String hex) {
        assertThat(hex).as("colours are #rrggbb").matches("#[0-9a-fA-F]{6}");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @Test
    void contrastFormulaMatchesKnownValues() {
        assertThat(contrast("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(contrast("#ffffff", "#ffffff")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
        // #767676 on white is the classic lightest grey that passes AA
        assertThat(contrast("#767676", "#ffffff")).isCloseTo(4.54, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyThemeDefinesTheSameVariables() {
        assertThat(themes).containsOnlyKeys(THEMES);
        var reference = themes.get("light").keySet();
        for (String t : THEMES) {
            assertThat(themes.get(t).keySet()).as(t).containsExactlyInAnyOrderElementsOf(reference);
        }
    }

    @Test
    void textMeetsWcagAaInEveryTheme() {
        List<String> failures = new ArrayList<>();
        for (String t : THEMES) {
            Map<String, String> vars = themes.get(t);
            TEXT_PAIRS.forEach((text, backgrounds) -> {
                for (String bg : backgrounds) {
                    double ratio = contrast(vars.get(text), vars.get(bg));
                    if (ratio < 4.5) {
                        failures.add(String.format("%s: %s %s on %s %s = %.2f:1", t, text, vars.get(text), bg,
                                vars.get(bg), ratio));
                    }
                }
            });
        }
        assertThat(failures).as("text/background pairs below 4.5:1").isEmpty();
    }

    @Test
    void highContrastTextReachesAaa() {
        Map<String, String> hc = themes.get("high-contrast");
        for (String text : List.of("--fg", "--muted", "--link", "--accent-fg")) {
            String bg = text.equals("--accent-fg") ? "--accent" : "--bg";
            assertThat(contrast(hc.get(text), hc.get(bg))).as(text).isGreaterThanOrEqualTo(7.0);
        }
    }

    @Test
    void focusRingIsVisibleOnEveryBackground() {
        for (String t : THEMES) {
            Map<String, String> vars = themes.get(t);
            for (String bg : List.of("--bg", "--surface", "--surface-2")) {
                assertThat(contrast(vars.get("--focus"), vars.get(bg))).as(t + " focus on " + bg).isGreaterThanOrEqualTo(3.0);
            }
        }
    }
}

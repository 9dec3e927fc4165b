package org.xnat.dicom.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs dcmtk's {@code dcm2xml} on a file and flattens its output into {@link Node}s (meta header and dataset,
 * every sequence depth). The XML is scanned as text read as ISO-8859-1, so string values come back as the raw
 * bytes of the file (dcm2xml quotes bytes it cannot convert as character references, which are decoded here).
 */
final class DcmtkXml {

    /** One line of the flattened tree: an element, a sequence start/end, an item start/end or a fragment. */
    record Node(String section, int depth, String kind, String tag, String vr, long len, String value,
            boolean loaded, int card) {

        String where() {
            return section + " depth " + depth + " " + kind + " " + tag;
        }
    }

    record Result(int exitCode, List<Node> nodes, String stderr) {
        boolean ok() {
            return exitCode == 0 && !nodes.isEmpty();
        }
    }

    private static final Pattern ATTR = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
    private static final Pattern CHAR_REF = Pattern.compile("&#(x?[0-9a-fA-F]+);");

    private DcmtkXml() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("dcm2xml", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(Path file) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("dcm2xml", "+Wb", "+Eh", file.toString());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        byte[][] err = new byte[1][];
        Thread errReader = new Thread(() -> {
            try {
                err[0] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        errReader.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("dcm2xml timed out on " + file);
        }
        errReader.join(10_000);
        String xml = new String(out, StandardCharsets.ISO_8859_1);
        return new Result(p.exitValue(), parse(xml),
                err[0] == null ? "" : new String(err[0], StandardCharsets.ISO_8859_1));
    }

    static List<Node> parse(String xml) {
        List<Node> nodes = new ArrayList<>();
        String section = "?";
        int depth = 0;
        int i = 0;
        while ((i = xml.indexOf('<', i)) >= 0) {
            int close = xml.indexOf('>', i);
            if (close < 0) {
                break;
            }
            String head = xml.substring(i + 1, close);
            String name = head.startsWith("/") ? "/" + head.substring(1).split("[\\s/>]", 2)[0]
                    : head.split("[\\s/>]", 2)[0];
            Map<String, String> a = attributes(head);
            switch (name) {
                case "meta-header" -> section = "M";
                case "data-set" -> section = "D";
                case "sequence" -> {
                    nodes.add(new Node(section, depth, "SQ", a.get("tag"), a.get("vr"), -1, null, true,
                            Integer.parseInt(a.getOrDefault("card", "-1"))));
                    depth++;
                }
                case "/sequence" -> {
                    depth--;
                    nodes.add(new Node(section, depth, "ENDSQ", null, null, -1, null, true, -1));
                }
                case "item" -> nodes.add(new Node(section, depth, "ITEM", null, null, -1, null, true, -1));
                case "/item" -> nodes.add(new Node(section, depth, "ENDITEM", null, null, -1, null, true, -1));
                case "element", "pixel-item" -> {
                    String end = "</" + name + ">";
                    int valueEnd = head.endsWith("/") ? close + 1 : xml.indexOf(end, close);
                    String value = head.endsWith("/") ? "" : unescape(xml.substring(close + 1, valueEnd));
                    nodes.add(new Node(section, depth, name.equals("element") ? "EL" : "FRAG", a.get("tag"),
                            a.get("vr"), Long.parseLong(a.getOrDefault("len", "-1")), value,
                            !"no".equals(a.get("loaded")), -1));
                    close = valueEnd + end.length() - 1;
                }
                default -> {
                    // xml declaration, file-format, closing tags of sections
                }
            }
            i = close + 1;
        }
        return nodes;
    }

    private static Map<String, String> attributes(String head) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTR.matcher(head);
        while (m.find()) {
            a.put(m.group(1), unescape(m.group(2)));
        }
        return a;
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHAR_REF.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String n = m.group(1);
            int c = n.startsWith("x") ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
            m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf((char) c)));
        }
        m.appendTail(b);
        return b.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}

package org.xnat.router.plugins.admin.internal.console;

import java.io.PrintWriter;
import java.util.List;

import org.xnat.router.plugins.admin.internal.PluginInfo;
import org.xnat.router.routing.RoutingStatus;

/**
 * The HTML of the "DICOM Router" tab, inside the web console's own page frame (its CSS classes
 * {@code statline}, {@code nicetable}). Every value is escaped: AE titles, problems and plugin names come
 * from configuration, peers and third-party bundles.
 */
final class ConsolePage {

    private ConsolePage() {
    }

    static void render(ConsoleSnapshot s, PrintWriter out) {
        long listening = s.routes().stream().filter(RoutingStatus.RouteStatus::listening).count();
        long available = s.destinations().stream().filter(RoutingStatus.DestinationStatus::available).count();
        long queued = s.destinations().stream().mapToLong(RoutingStatus.DestinationStatus::pending).sum();
        long sending = s.destinations().stream().mapToLong(RoutingStatus.DestinationStatus::inProgress).sum();
        long failed = s.destinations().stream().mapToLong(RoutingStatus.DestinationStatus::failed).sum();
        if (s.engineRunning()) {
            out.printf("<p class=\"statline\">%d route(s), %d listening &middot; %d destination(s), %d available &middot; "
                    + "queue: %d waiting, %d sending, %d failed &middot; %d plugin(s)</p>%n",
                    s.routes().size(), listening, s.destinations().size(), available, queued, sending, failed,
                    s.plugins().size());
        } else {
            out.println("<p class=\"statline ui-state-error\">The routing engine is not running: no routes, destinations "
                    + "or queues to show (check the 'routing' health indicator and bundle org.xnat.router.routing).</p>");
        }

        heading(out, "Routes");
        table(out, List.of("AE title", "Port", "Enabled", "Listening", "Destinations", "Problem"));
        for (RoutingStatus.RouteStatus r : s.routes()) {
            row(out, r.aeTitle(), String.valueOf(r.port()), yesNo(r.enabled()), yesNo(r.listening()),
                    String.join(", ", r.destinations()), r.problem());
        }
        end(out);

        heading(out, "Destinations");
        table(out, List.of("Name", "Type", "Delivery", "Available", "Waiting", "Sending", "Failed", "Problem"));
        for (RoutingStatus.DestinationStatus d : s.destinations()) {
            row(out, d.name(), d.type(), d.delivery(), yesNo(d.available()), String.valueOf(d.pending()),
                    String.valueOf(d.inProgress()), String.valueOf(d.failed()), d.problem());
        }
        end(out);

        heading(out, "Health");
        table(out, List.of("Part", "Status", "Detail"));
        for (ConsoleSnapshot.NamedHealth h : s.health()) {
            row(out, h.name(), h.report().status().name(), h.report().detail());
        }
        end(out);

        heading(out, "Plugins");
        table(out, List.of("ID", "Plugin", "Version", "State", "Extensions", "Components", "Source", "Problem"));
        for (PluginInfo p : s.plugins()) {
            row(out, String.valueOf(p.bundleId()), p.symbolicName(), p.version(), p.state(),
                    String.join(", ", p.extensions()), p.components(), p.source(), p.problem());
        }
        end(out);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static void heading(PrintWriter out, String title) {
        out.println("<h3 class=\"ui-widget-header\">" + escape(title) + "</h3>");
    }

    private static void table(PrintWriter out, List<String> columns) {
        out.print("<table class=\"nicetable\"><thead><tr>");
        for (String c : columns) {
            out.print("<th>" + escape(c) + "</th>");
        }
        out.println("</tr></thead><tbody>");
    }

    private static void row(PrintWriter out, String... cells) {
        out.print("<tr>");
        for (String c : cells) {
            out.print("<td>" + escape(c) + "</td>");
        }
        out.println("</tr>");
    }

    private static void end(PrintWriter out) {
        out.println("</tbody></table>");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

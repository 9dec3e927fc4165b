package org.xnat.router.importer.internal.rest;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.xnat.router.importer.ImportJob;
import org.xnat.router.importer.ImportRequest;
import org.xnat.router.importer.ImportService;
import org.xnat.router.importer.internal.ImportRequestException;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;

/**
 * Import jobs over REST: preview a directory, start, follow and cancel jobs. Starting, scanning and cancelling
 * need an operator key; the directories are those of the router's machine, limited by the import service's
 * allowed roots.
 */
@Component(service = ImportsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@javax.ws.rs.Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportsResource {

    /** Longest accepted path (a PATH_MAX); longer input is refused before it touches the file system. */
    private static final int MAX_PATH = 4096;
    private static final int MAX_ID = 64;
    private static final Set<String> SCAN_KEYS = Set.of("path", "recursive");
    private static final Set<String> START_KEYS = Set.of("path", "route", "recursive", "move", "dry_run");

    private final ImportService imports;

    @Activate
    public ImportsResource(@Reference ImportService imports) {
        this.imports = imports;
    }

    @POST
    @javax.ws.rs.Path("scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public Response scan(Map<String, Object> body) {
        Body b = new Body(body, SCAN_KEYS);
        Path path = b.path();
        boolean recursive = b.flag("recursive");
        b.check();
        try {
            return Response.ok(ImportJson.job(imports.scan(path, recursive), true)).build();
        } catch (ImportRequestException e) {
            return invalid(e.field(), e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.OPERATOR)
    public Response start(Map<String, Object> body, @Context SecurityContext security, @Context UriInfo uri) {
        Body b = new Body(body, START_KEYS);
        Path path = b.path();
        String route = b.text("route", 64);
        boolean recursive = b.flag("recursive");
        boolean move = b.flag("move");
        boolean dryRun = b.flag("dry_run");
        b.check();
        ImportJob job;
        try {
            job = imports.start(new ImportRequest(path, route, recursive, move, dryRun, actor(security)));
        } catch (ImportRequestException e) {
            return invalid(e.field(), e.getMessage());
        } catch (IllegalStateException e) {
            return Response.status(Response.Status.CONFLICT).entity(ImportJson.error(e.getMessage(), List.of())).build();
        }
        URI location = uri.getBaseUriBuilder().path("imports").path(job.id()).build();
        return Response.accepted(ImportJson.job(job, true)).location(location).build();
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("imports", imports.jobs().stream().map(j -> ImportJson.job(j, false)).toList());
    }

    @GET
    @javax.ws.rs.Path("{id}")
    public Response get(@PathParam("id") String id) {
        return imports.job(cap(id)).map(j -> Response.ok(ImportJson.job(j, true)).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @javax.ws.rs.Path("{id}")
    @RequiresRole(Role.OPERATOR)
    public Response cancel(@PathParam("id") String id) {
        String key = cap(id);
        ImportJob job = imports.job(key).orElse(null);
        if (job == null) {
            return notFound(id);
        }
        if (!imports.cancel(key)) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(ImportJson.error("import " + key + " has already finished (" + job.state() + ")", List.of()))
                    .build();
        }
        return Response.accepted(ImportJson.job(imports.job(key).orElse(job), false)).build();
    }

    private static String actor(SecurityContext security) {
        try {
            return Caller.of(security).name();
        } catch (IllegalStateException e) {
            return "api"; // no authentication filter installed
        }
    }

    private static String cap(String id) {
        return id == null ? "" : id.length() > MAX_ID ? id.substring(0, MAX_ID) : id;
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(ImportJson.error("no import job '" + cap(id) + "'", List.of())).build();
    }

    private static Response invalid(String field, String message) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(ImportJson.error(message, List.of(Map.of("field", field, "message", message)))).build();
    }

    /** Reads a JSON body, collecting every problem before answering. */
    private static final class Body {
        private final Map<String, Object> map;
        private final List<Map<String, String>> problems = new ArrayList<>();

        Body(Map<String, Object> map, Set<String> keys) {
            this.map = map == null ? Map.of() : map;
            if (map == null) {
                problem("", "a JSON object is required");
            }
            this.map.keySet().stream().filter(k -> !keys.contains(k)).sorted().limit(10)
                    .forEach(k -> problem(k.length() > 64 ? k.substring(0, 64) : k, "unknown field; expected " + keys));
        }

        Path path() {
            String p = text("path", MAX_PATH);
            if (p == null) {
                return null;
            }
            try {
                Path path = Path.of(p);
                if (!path.isAbsolute()) {
                    problem("path", "must be an absolute path");
                }
                return path;
            } catch (InvalidPathException e) {
                problem("path", "not a valid path: " + e.getReason());
                return null;
            }
        }

        String text(String key, int max) {
            Object v = map.get(key);
            if (!(v instanceof String s) || s.isBlank()) {
                problem(key, "is required (a non-empty string)");
                return null;
            }
            if (s.length() > max) {
                problem(key, "is longer than " + max + " characters");
                return null;
            }
            return s.strip();
        }

        boolean flag(String key) {
            Object v = map.get(key);
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            problem(key, "must be true or false");
            return false;
        }

        void problem(String field, String message) {
            problems.add(Map.of("field", field, "message", message));
        }

        /** Answers 400 with every problem found. */
        void check() {
            if (!problems.isEmpty()) {
                throw new javax.ws.rs.WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                        .type(MediaType.APPLICATION_JSON)
                        .entity(ImportJson.error("invalid request: " + problems.get(0).get("field") + " "
                                + problems.get(0).get("message"), problems))
                        .build());
            }
        }
    }
}

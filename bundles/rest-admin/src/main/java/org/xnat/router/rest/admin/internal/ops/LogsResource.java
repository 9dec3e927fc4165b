package org.xnat.router.rest.admin.internal.ops;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.ws.rs.GET;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code /api/logs}: the tail of the router's log (filtered by level), the log directory's files, and a file's
 * download. Only plain names of regular files directly in the log directory are served.
 */
@Component(service = LogsResource.class)
@Designate(ocd = LogsResource.Settings.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@javax.ws.rs.Path("logs")
public class LogsResource {

    @ObjectClassDefinition(name = "XNAT DICOM Router log access (REST)")
    public @interface Settings {
        @AttributeDefinition(description = "Log directory; empty = the system property karaf.log, else ${karaf.data}/log")
        String logDirectory() default "";

        @AttributeDefinition(description = "The file GET /api/logs reads, in the log directory")
        String logFile() default "karaf.log";
    }

    static final int DEFAULT_LINES = 200;
    static final int MAX_LINES = 5000;
    static final long MAX_SCAN_BYTES = 16L * 1024 * 1024;
    static final int MAX_FILES = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

    private final Path directory;
    private final String logFile;

    @Activate
    public LogsResource(Settings settings) {
        this(directory(settings), settings.logFile().strip());
    }

    LogsResource(Path directory, String logFile) {
        this.directory = directory.toAbsolutePath().normalize();
        this.logFile = logFile;
    }

    private static Path directory(Settings settings) {
        if (!settings.logDirectory().isBlank()) {
            return Path.of(settings.logDirectory().strip());
        }
        String karafLog = System.getProperty("karaf.log", "").strip();
        return karafLog.isEmpty() ? Path.of(System.getProperty("karaf.data", "data"), "log") : Path.of(karafLog);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> tail(@QueryParam("lines") String lines, @QueryParam("level") String level) {
        int n = OpsErrors.integer("lines", lines, DEFAULT_LINES, 1, MAX_LINES);
        String min = OpsErrors.filter("level", level, 10);
        if (min != null && !LogTail.LEVELS.containsKey(min.toUpperCase(Locale.ROOT))) {
            throw OpsErrors.badRequest("level", "one of trace, debug, info, warn, error");
        }
        Path file = resolve(logFile);
        try {
            LogTail.Result r = LogTail.tail(file, n, min, MAX_SCAN_BYTES);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", file.getFileName().toString());
            out.put("level", min == null ? null : min.toUpperCase(Locale.ROOT));
            out.put("returned", r.lines().size());
            out.put("complete", r.complete());
            out.put("lines", r.lines());
            return out;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw OpsErrors.error(Response.Status.NOT_FOUND, "the log file " + file.getFileName() + " does not exist (yet)");
        } catch (IOException e) {
            throw OpsErrors.error(Response.Status.INTERNAL_SERVER_ERROR, "cannot read the log: " + e.getMessage());
        }
    }

    @GET
    @javax.ws.rs.Path("files")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> files() {
        List<Map<String, Object>> files = new ArrayList<>();
        boolean truncated = false;
        try (DirectoryStream<java.nio.file.Path> dir = Files.newDirectoryStream(directory)) {
            for (Path p : dir) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile() || !NAME.matcher(p.getFileName().toString()).matches()) {
                    continue;
                }
                if (files.size() >= MAX_FILES) {
                    truncated = true;
                    break;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", p.getFileName().toString());
                f.put("size", a.size());
                f.put("modifiedAt", a.lastModifiedTime().toInstant().toString());
                files.add(f);
            }
        } catch (NoSuchFileException e) {
            // no log directory yet: no files
        } catch (IOException e) {
            throw OpsErrors.error(Response.Status.INTERNAL_SERVER_ERROR, "cannot list the log directory: " + e.getMessage());
        }
        files.sort(Comparator.comparing(f -> (String) f.get("name")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directory", directory.toString());
        out.put("files", files);
        out.put("truncated", truncated);
        return out;
    }

    @GET
    @javax.ws.rs.Path("files/{name}")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public Response download(@PathParam("name") String name) {
        Path file = resolve(name);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw notFound(name);
            }
            return Response.ok(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), MediaType.TEXT_PLAIN + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                    .header("X-Content-Type-Options", "nosniff").build();
        } catch (NoSuchFileException e) {
            throw notFound(name);
        } catch (IOException e) {
            throw OpsErrors.error(Response.Status.INTERNAL_SERVER_ERROR, "cannot read " + name + ": " + e.getMessage());
        }
    }

    /** A plain file name inside the log directory; anything else is refused. */
    Path resolve(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw OpsErrors.badRequest("name", "a plain file name of the log directory (letters, digits, . _ -)");
        }
        Path file = directory.resolve(name).normalize();
        if (!directory.equals(file.getParent())) {
            throw OpsErrors.badRequest("name", "a plain file name of the log directory");
        }
        return file;
    }

    private static javax.ws.rs.WebApplicationException notFound(String name) {
        return OpsErrors.error(Response.Status.NOT_FOUND, "no log file named " + OpsErrors.cap(name));
    }
}

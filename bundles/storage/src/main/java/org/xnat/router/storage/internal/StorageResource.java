package org.xnat.router.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.rest.Caller;
import org.xnat.router.rest.RequiresRole;
import org.xnat.router.rest.Role;
import org.xnat.router.storage.internal.archive.UploadRefusedException;
import org.xnat.router.storage.internal.area.UploadResult;
import org.xnat.router.storage.internal.multipart.MultipartParser;

/**
 * {@code /api/storage}: uploads of files, folders and archives to a route's storage area, the stored and failed
 * studies, "move to import", retries, deletion to the trash and the trash purge.
 */
@Component(service = StorageResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=router)")
@JSONRequired
@Path("storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {

    private static final Logger LOG = LoggerFactory.getLogger(StorageResource.class);

    /** Body types taken as one file (an archive or a DICOM instance). */
    static final Set<String> SINGLE_TYPES = Set.of("application/zip", "application/x-zip-compressed",
            "application/x-tar", "application/gzip", "application/x-gzip", "application/x-gtar",
            "application/x-compressed-tar", "application/dicom", "application/octet-stream");

    private final StorageComponent storage;

    @Activate
    public StorageResource(@Reference StorageComponent storage) {
        this.storage = storage;
    }

    @GET
    public Response overview() throws IOException {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (String r : storage.routes()) {
            routes.add(storage.service().summary(r));
        }
        long[] trash = storage.service().area().trashUsage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routes", routes);
        body.put("trash", Map.of("studies", trash[0], "bytes", trash[1], "retentionDays", storage.retentionDays()));
        body.put("maxUploadBytes", storage.limits().maxUploadBytes());
        body.put("maxFiles", storage.limits().maxFiles());
        return Response.ok(body).build();
    }

    @POST
    @Path("{route}/uploads")
    @Consumes(MediaType.WILDCARD)
    @RequiresRole(Role.OPERATOR)
    public Response upload(@PathParam("route") String routeParam, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Length") String contentLength, @QueryParam("filename") String filename,
            @Context SecurityContext security, InputStream body) throws IOException {
        Caller caller = Caller.of(security);
        String route;
        try {
            route = route(routeParam);
            long declared = parseLength(contentLength);
            if (declared > storage.limits().maxUploadBytes()) {
                // refuse before reading: the client may stop sending at once
                throw new StorageException(413, "the upload is larger than " + storage.limits().maxUploadBytes()
                        + " bytes");
            }
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        try {
            StorageService.UploadOutcome out;
            if (type.equals("multipart/form-data")) {
                out = storage.service().upload(route, caller.name(), caller.remoteAddress(), body,
                        MultipartParser.boundary(contentType), null);
            } else if (SINGLE_TYPES.contains(type)) {
                out = storage.service().upload(route, caller.name(), caller.remoteAddress(), body, null, filename);
            } else {
                return error(415, "Content-Type " + (type.isEmpty() ? "(none)" : type) + " is not accepted: send"
                        + " multipart/form-data or one file as application/zip, application/x-tar, application/gzip,"
                        + " application/dicom or application/octet-stream (?filename=...)");
            }
            return Response.status(201).entity(uploadBody(out)).build();
        } catch (UploadRefusedException e) {
            LOG.info("Upload to route {} by {} refused: {}", route, caller.name(), e.getMessage());
            return error(e.tooLarge() ? 413 : 400, e.getMessage());
        }
    }

    private static Map<String, Object> uploadBody(StorageService.UploadOutcome out) {
        UploadResult r = out.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uploadId", r.uploadId());
        m.put("route", r.route());
        m.put("filesReceived", r.filesReceived());
        m.put("archivesExtracted", r.archivesExtracted());
        m.put("filesStored", r.filesStored());
        m.put("studiesFound", r.studies().size());
        m.put("studies", r.studies());
        m.put("rejectedCount", r.rejectedCount());
        m.put("rejected", r.rejected());
        m.put("importJobs", out.importJobs());
        return m;
    }

    @GET
    @Path("{route}/studies")
    public Response studies(@PathParam("route") String routeParam, @QueryParam("state") String state)
            throws IOException {
        try {
            String route = route(routeParam);
            return Response.ok(Map.of("route", route, "studies", storage.service().studies(route, blankToNull(state))))
                    .build();
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @GET
    @Path("{route}/studies/{studyUid}")
    public Response study(@PathParam("route") String routeParam, @PathParam("studyUid") String studyUid)
            throws IOException {
        try {
            return Response.ok(storage.service().study(route(routeParam), studyUid)).build();
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @POST
    @Path("{route}/studies/{studyUid}/import")
    @RequiresRole(Role.OPERATOR)
    public Response importStudy(@PathParam("route") String routeParam, @PathParam("studyUid") String studyUid,
            @Context SecurityContext security) throws IOException {
        return startImport(routeParam, studyUid, security, false);
    }

    @POST
    @Path("{route}/studies/{studyUid}/retry")
    @RequiresRole(Role.OPERATOR)
    public Response retry(@PathParam("route") String routeParam, @PathParam("studyUid") String studyUid,
            @Context SecurityContext security) throws IOException {
        return startImport(routeParam, studyUid, security, true);
    }

    private Response startImport(String routeParam, String studyUid, SecurityContext security, boolean retry)
            throws IOException {
        Caller caller = Caller.of(security);
        try {
            String route = route(routeParam);
            String job = storage.service().startImport(route, studyUid, caller.name(), caller.remoteAddress(), retry);
            return Response.status(202).entity(Map.of("route", route, "studyInstanceUid", studyUid, "importJob", job))
                    .build();
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @POST
    @Path("{route}/import")
    @RequiresRole(Role.OPERATOR)
    public Response importAll(@PathParam("route") String routeParam, @Context SecurityContext security)
            throws IOException {
        Caller caller = Caller.of(security);
        try {
            String route = route(routeParam);
            Map<String, String> jobs = storage.service().importAll(route, caller.name(), caller.remoteAddress());
            List<Map<String, String>> list = new ArrayList<>();
            jobs.forEach((study, job) -> list.add(Map.of("studyInstanceUid", study, "importJob", job)));
            return Response.status(202).entity(Map.of("route", route, "imports", list)).build();
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
    }

    @DELETE
    @Path("{route}/studies/{studyUid}")
    @RequiresRole(Role.OPERATOR)
    public Response delete(@PathParam("route") String routeParam, @PathParam("studyUid") String studyUid,
            @Context SecurityContext security) throws IOException {
        Caller caller = Caller.of(security);
        try {
            String route = route(routeParam);
            storage.service().delete(route, studyUid, caller.name(), caller.remoteAddress());
            return Response.noContent().build();
        } catch (StorageException e) {
            return error(e.status(), e.getMessage());
        }
    }

    /** Admin only (the default for POST): empties the trash now, whatever the retention. */
    @POST
    @Path("trash/purge")
    public Response purge(@Context SecurityContext security) throws IOException {
        Caller caller = Caller.of(security);
        int n = storage.service().purge(Duration.ZERO, caller.name(), caller.remoteAddress());
        return Response.ok(Map.of("purged", n)).build();
    }

    private String route(String aeTitle) throws StorageException {
        return storage.route(aeTitle == null ? "" : aeTitle)
                .orElseThrow(() -> new StorageException(404, "no route with AE title '" + aeTitle + "'"));
    }

    private static long parseLength(String s) throws StorageException {
        if (s == null || s.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new StorageException(400, "Content-Length is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}

package org.xnat.router.rest.admin.internal.deid;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.xnat.router.api.processor.DatasetProcessor;
import org.xnat.router.configstore.ConfigStore;
import org.xnat.router.deid.DeidChain;
import org.xnat.router.deid.DeidTestSources;
import org.xnat.router.routing.RouteProcessing;
import org.xnat.router.routing.RouteProcessing.ProcessingChain;
import org.xnat.router.routing.RoutingStatus;

/**
 * Finds what a de-identification test run tries: a route destination's chain in the current configuration version
 * (through the routing engine's own {@link RouteProcessing}), and instances the router holds — the spool (table
 * {@code spool_files}, paths relative to the spool directory) first, then the storage area of uploads
 * ({@code STORAGE/ROUTE/STUDY/files/SOP.dcm}). Only reads.
 */
@Component(service = {DeidTestSources.class, DeidSources.class})
@Designate(ocd = DeidSources.Settings.class)
public final class DeidSources implements DeidTestSources {

    @ObjectClassDefinition(name = "XNAT DICOM Router de-identification test harness",
            description = "Where the test harness looks for stored instances besides the spool")
    public @interface Settings {
        @AttributeDefinition(description = "The storage area of uploads (as the storage bundle's storageDirectory);"
                + " empty = ${karaf.data}/storage")
        String storageDirectory() default "";
    }

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** Study directories looked at in the storage area, at most (a lookup must stay quick). */
    static final int MAX_STUDY_DIRECTORIES = 100_000;
    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final ConfigStore store;
    private final RouteProcessing processing;
    private final RoutingStatus routing;
    private final DataSource dataSource;
    private final Path storage;

    @Activate
    public DeidSources(@Reference ConfigStore store, @Reference RouteProcessing processing,
            @Reference RoutingStatus routing, @Reference(target = "(dataSourceName=router)") DataSource dataSource,
            Settings settings) {
        this(store, processing, routing, dataSource, settings.storageDirectory().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "storage")
                : Path.of(settings.storageDirectory().strip()));
    }

    DeidSources(ConfigStore store, RouteProcessing processing, RoutingStatus routing, DataSource dataSource,
            Path storage) {
        this.store = store;
        this.processing = processing;
        this.routing = routing;
        this.dataSource = dataSource;
        this.storage = storage.toAbsolutePath().normalize();
    }

    @Override
    public DeidChain routeChain(String routeAeTitle, String destination) {
        return chain(processing.chain(store.current().config(), routeAeTitle, destination));
    }

    /** The routing engine's chain as the tester runs it. */
    static DeidChain chain(ProcessingChain c) {
        List<DatasetProcessor> preceding = new ArrayList<>();
        if (c.tagModifications() != null) {
            preceding.add(c.tagModifications());
        }
        return new DeidChain("route " + c.routeAeTitle() + " -> " + c.destination(), preceding, c.deidentification(),
                c.variables());
    }

    /** The route's chain with its description for the answer. */
    ProcessingChain processingChain(String routeAeTitle, String destination) {
        return processing.chain(store.current().config(), routeAeTitle, destination);
    }

    static String checkUid(String uid) {
        String u = uid == null ? "" : uid.strip();
        if (u.isEmpty() || u.length() > 64 || !UID.matcher(u).matches()) {
            throw new IllegalArgumentException("'" + (u.length() > 80 ? u.substring(0, 80) + "..." : u)
                    + "' is not a SOP Instance UID (digits and dots, at most 64 characters)");
        }
        return u;
    }

    @Override
    public Optional<StoredInstance> storedInstance(String sopInstanceUid) throws IOException {
        String uid = checkUid(sopInstanceUid);
        Optional<StoredInstance> spooled = spooled(uid);
        return spooled.isPresent() ? spooled : inStorage(uid);
    }

    private Optional<StoredInstance> spooled(String uid) throws IOException {
        Path spool = Path.of(routing.spoolStatus().directory()).toAbsolutePath().normalize();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT path, route_ae FROM spool_files"
                        + " WHERE sop_instance_uid = ? AND deleted_at IS NULL ORDER BY received_at DESC, id DESC LIMIT 10")) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Path file = spool.resolve(rs.getString(1)).normalize();
                    // the path comes from the database: never follow it out of the spool
                    if (file.startsWith(spool) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        return Optional.of(new StoredInstance("spool", rs.getString(2), file));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("the router database did not answer: " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    private Optional<StoredInstance> inStorage(String uid) throws IOException {
        if (!Files.isDirectory(storage, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        int seen = 0;
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(storage)) {
            for (Path route : routes) {
                String name = route.getFileName().toString();
                if (name.startsWith(".") || !Files.isDirectory(route, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // .incoming, .trash
                }
                try (DirectoryStream<Path> studies = Files.newDirectoryStream(route)) {
                    for (Path study : studies) {
                        if (++seen > MAX_STUDY_DIRECTORIES) {
                            return Optional.empty();
                        }
                        Path file = study.resolve("files").resolve(uid + ".dcm");
                        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            return Optional.of(new StoredInstance("storage", decodeRoute(name), file));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The storage area writes AE titles percent-encoded. */
    static String decodeRoute(String directory) {
        try {
            return URLDecoder.decode(directory.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return directory;
        }
    }
}

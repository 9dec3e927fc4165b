package org.xnat.router.routing.internal.route;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.router.api.filter.RouteContext;
import org.xnat.router.config.RouteConfig;
import org.xnat.router.routing.Ingest;
import org.xnat.router.routing.IngestException;

/**
 * One DICOM listener per enabled route: its own port and called AE title, C-ECHO and C-STORE of every storage
 * SOP class in every transfer syntax the toolkit reads, calling AE titles restricted by
 * {@code allowed_calling_aes}. Each C-STORE goes through {@link Ingest}; its answer follows the ingest outcome.
 */
public final class RouteListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteListeners.class);
    private static final int MAX_COMMENT = 64;

    private final Ingest ingest;
    private final String bindAddress;
    private final Map<String, DicomServer> servers = new LinkedHashMap<>();
    private final Map<String, String> problems = new LinkedHashMap<>();

    public RouteListeners(Ingest ingest, String bindAddress) {
        this.ingest = ingest;
        this.bindAddress = bindAddress == null || bindAddress.isBlank() ? null : bindAddress.strip();
    }

    public synchronized void start(RouteConfig route) {
        String key = route.aeTitle();
        ScpConfig.Builder b = ScpConfig.builder().aeTitles(route.aeTitle()).port(route.port()).bindAddress(bindAddress);
        if (!route.allowedCallingAes().isEmpty()) {
            b.acceptedCallingAeTitles(route.allowedCallingAes().toArray(String[]::new));
        }
        try {
            DicomServer server = DicomServer.builder(b.build()).storageSink(sink(route.aeTitle())).start();
            servers.put(key, server);
            problems.remove(key);
        } catch (IOException | RuntimeException e) {
            String problem = "route " + route.aeTitle() + " cannot listen on port " + route.port() + ": " + e.getMessage();
            problems.put(key, problem);
            LOG.error("{}", problem);
        }
    }

    StorageSink sink(String routeAeTitle) {
        return (store, dataset) -> {
            String remote = store.association().remoteAddress() == null ? ""
                    : store.association().remoteAddress().getAddress().getHostAddress();
            RouteContext ctx = new RouteContext(routeAeTitle, store.association().callingAeTitle(), remote, "dimse");
            try {
                ingest.ingest(store.sopClassUid(), store.sopInstanceUid(), store.transferSyntaxUid(), dataset, ctx);
                return DimseStatus.SUCCESS;
            } catch (IngestException e) {
                throw new DimseException(status(e.reason()), comment(e.getMessage()), e);
            }
        };
    }

    /** The C-STORE failure status for a refused instance (PS3.4 B.2.3). */
    public static int status(IngestException.Reason reason) {
        return switch (reason) {
            case OUT_OF_RESOURCES -> DimseStatus.REFUSED_OUT_OF_RESOURCES;
            case REJECTED -> DimseStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
            case UNREADABLE, UNKNOWN_ROUTE -> DimseStatus.UNABLE_TO_PROCESS;
        };
    }

    private static String comment(String message) {
        String m = message == null ? "" : message.replaceAll("[\\p{Cntrl}\\\\]", " ");
        return m.length() <= MAX_COMMENT ? m : m.substring(0, MAX_COMMENT);
    }

    public synchronized boolean isListening(String aeTitle) {
        return servers.containsKey(aeTitle);
    }

    public synchronized String problem(String aeTitle) {
        return problems.getOrDefault(aeTitle, "");
    }

    /** The bound port of a route's listener, or -1. */
    public synchronized int port(String aeTitle) {
        DicomServer s = servers.get(aeTitle);
        return s == null ? -1 : s.port();
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(DicomServer::close);
        servers.clear();
    }
}

package org.xnat.router.destination.xnat.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.io.DicomParseException;
import org.xnat.router.api.destination.Delivery;
import org.xnat.router.api.destination.DeliveryException;
import org.xnat.router.api.destination.DeliveryInstance;
import org.xnat.router.api.destination.Destination;
import org.xnat.router.api.health.HealthReport;

/**
 * Uploads each delivery as one ZIP to XNAT's import service, inside its own XNAT session:
 * {@code POST /data/JSESSION} (basic auth), {@code POST /data/services/import} (session cookie, ZIP
 * streamed chunked while it is being written), {@code DELETE /data/JSESSION}. XNAT imports a ZIP whole
 * or not at all, so a failed delivery reports 0 instances delivered.
 */
final class XnatDestination implements Destination {

    private static final int PIPE_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(XnatDestination.class);

    private final XnatConfig config;
    private ExecutorService executor;
    private XnatClient client;
    private boolean closed;

    XnatDestination(XnatConfig config) {
        this.config = config;
        if ("http".equalsIgnoreCase(config.baseUrl().getScheme()) && !isLoopback(config.baseUrl().getHost())) {
            LOG.warn("Destination '{}': {} is plain http; the XNAT password travels unencrypted", config.name(),
                    config.baseUrl());
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    @Override
    public String name() {
        return config.name();
    }

    /** Threads and the HTTP client are made on first use, so that creating a destination stays cheap. */
    private synchronized XnatClient client() throws DeliveryException {
        if (closed) {
            throw new DeliveryException("Destination '" + name() + "' is closed (being reconfigured or stopped)", true);
        }
        if (client == null) {
            executor = Executors.newCachedThreadPool(daemonThreads("xnat-" + config.name()));
            client = new XnatClient(config, executor);
        }
        return client;
    }

    @Override
    public void deliver(Delivery delivery) throws DeliveryException, InterruptedException {
        List<DeliveryInstance> instances = delivery.instances();
        if (instances.isEmpty()) {
            return;
        }
        XnatLabels labels = XnatLabels.from(delivery.options(), firstHeader(instances.get(0)), delivery);
        XnatClient xnat = client();
        String session = xnat.openSession();
        try {
            upload(xnat, session, labels, delivery);
        } finally {
            xnat.closeSession(session);
        }
    }

    private static Attributes firstHeader(DeliveryInstance first) throws DeliveryException {
        try {
            return InstanceHeader.read(first);
        } catch (DicomParseException e) {
            throw new DeliveryException("Instance " + first.sopInstanceUid() + " is not a readable DICOM Part 10 "
                    + "stream: " + e.getMessage(), false, 0, e);
        } catch (IOException e) {
            throw new DeliveryException("Could not read instance " + first.sopInstanceUid() + " from the router's "
                    + "store: " + e.getMessage(), true, 0, e);
        }
    }

    private void upload(XnatClient xnat, String session, XnatLabels labels, Delivery delivery)
            throws DeliveryException, InterruptedException {
        String action = "importing study " + delivery.studyInstanceUid() + " (POST " + XnatClient.IMPORT + ")";
        BoundedPipe pipe = new BoundedPipe(PIPE_BYTES, config.timeout());
        Future<ZipStreamer.Result> zip = executor.submit(new ZipStreamer(delivery, pipe));
        CompletableFuture<HttpResponse<String>> request = xnat.startImport(session, labels, pipe::input);
        XnatClient.Answer answer;
        try {
            answer = xnat.await(request, action, config.uploadTimeout());
        } catch (DeliveryException e) {
            pipe.closeReader();
            // when the ZIP could not be written, that is the cause; the aborted request only follows from it
            throw zipFailure(zip).orElse(e);
        } catch (InterruptedException e) {
            pipe.closeReader();
            zip.cancel(true);
            throw e;
        }
        pipe.closeReader();
        if (!answer.ok()) {
            zip.cancel(true);
            throw XnatErrors.http(action, answer.status(), answer.body(), answer.location(), config);
        }
        ZipStreamer.Result sent = zipResult(zip);
        LOG.info("Destination '{}': {} instances ({} bytes) of study {} imported into XNAT project {} as subject {} "
                + "session {} ({}); XNAT answered {}", name(), sent.instances(), sent.bytes(),
                delivery.studyInstanceUid(), labels.project(), labels.subject(), labels.session(),
                labels.autoArchive() ? "archive" : "prearchive", XnatErrors.excerpt(answer.body()).strip());
    }

    /** XNAT said yes: the ZIP must also have been written whole, or the yes is about a truncated upload. */
    private ZipStreamer.Result zipResult(Future<ZipStreamer.Result> zip) throws DeliveryException, InterruptedException {
        try {
            return zip.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            zip.cancel(true);
            throw new DeliveryException("XNAT answered before the whole ZIP was sent: " + e, true, 0, e);
        }
    }

    private Optional<DeliveryException> zipFailure(Future<ZipStreamer.Result> zip) throws InterruptedException {
        try {
            zip.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            zip.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ZipStreamer.SourceException source) {
                return Optional.of(new DeliveryException(source.getMessage(), true, 0, source));
            }
            return Optional.empty(); // the pipe was closed because the request failed: not a cause
        }
    }

    @Override
    public HealthReport check() {
        try {
            return client().check();
        } catch (DeliveryException | RuntimeException e) {
            return HealthReport.down("Health check of XNAT at " + config.baseUrl() + " failed: " + e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

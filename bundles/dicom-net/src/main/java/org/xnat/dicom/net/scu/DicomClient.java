package org.xnat.dicom.net.scu;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocket;

import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.RemoteAe;
import org.xnat.dicom.net.internal.NetThreads;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;

/**
 * Opens associations to remote AEs. Owns the reader threads of its associations; closing the
 * client aborts whatever is still open and stops its threads. Thread-safe.
 *
 * <pre>{@code
 * try (DicomClient client = new DicomClient(ConnectionOptions.defaults());
 *      ScuAssociation as = client.connect(new RemoteAe("PACS", "127.0.0.1", 11112),
 *          AssociationRequest.builder("ROUTER", "PACS")
 *              .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
 *     as.echo();
 * }
 * }</pre>
 */
public final class DicomClient implements AutoCloseable {
    private final ConnectionOptions options;
    private final ExecutorService readers = NetThreads.cached("dicom-scu");
    private final ScheduledExecutorService scheduler = NetThreads.scheduler("dicom-scu-timer");
    private final Set<ScuAssociation> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public DicomClient(ConnectionOptions options) {
        this.options = options;
    }

    public ConnectionOptions options() {
        return options;
    }

    /** Connects (TCP, then TLS if configured) and negotiates the association. */
    public ScuAssociation connect(RemoteAe remote, AssociationRequest request) throws IOException {
        return connect(remote.host(), remote.port(), request);
    }

    public ScuAssociation connect(String host, int port, AssociationRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("client closed");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) options.connectTimeout().toMillis());
            if (options.tls() != null) {
                SSLSocket tls = options.tls().wrapClient(socket, host, port);
                tls.setSoTimeout((int) options.artimTimeout().toMillis());
                tls.startHandshake();
                socket = tls;
            }
        } catch (IOException e) {
            socket.close();
            throw new DicomNetworkException("cannot connect to " + request.calledAeTitle() + " at " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        AssociationImpl impl;
        try {
            impl = AssociationImpl.request(socket, options, request, scheduler);
        } catch (DicomNetworkException e) {
            throw e;
        } catch (IOException e) {
            // e.g. a TLS alert (client certificate refused) that surfaces on the first read
            throw new DicomNetworkException("association with " + request.calledAeTitle() + " at " + host + ":" + port
                    + " failed: " + e, e);
        }
        ScuAssociation as = new ScuAssociation(impl);
        open.add(as);
        impl.addCloseListener(() -> open.remove(as));
        try {
            readers.execute(() -> impl.runReader(as::onRequest));
        } catch (RuntimeException e) {
            impl.abort();
            throw new DicomNetworkException("client is shutting down", e);
        }
        return as;
    }

    /** Aborts open associations and stops the client's threads. */
    @Override
    public void close() {
        closed = true;
        for (ScuAssociation as : open) {
            as.abort();
        }
        NetThreads.shutdown(readers, 2000);
        NetThreads.shutdown(scheduler, 500);
    }
}

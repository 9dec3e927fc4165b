package org.xnat.dicom.net.scp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.Association;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.internal.NetThreads;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.scu.DicomClient;

/**
 * A DICOM SCP: listens on a TCP port (plain or TLS), negotiates associations with the
 * {@link ScpConfig} policy and serves C-ECHO, C-STORE (to a {@link StorageSink}), C-FIND, C-MOVE
 * and C-GET (to the providers). One thread per association reads it; C-FIND/C-MOVE/C-GET run on
 * worker threads so C-CANCEL is seen. {@link #close()} aborts open associations and stops all threads.
 *
 * <pre>{@code
 * DicomServer scp = DicomServer.builder(ScpConfig.builder().aeTitles("ROUTER").port(11112).build())
 *     .storageSink((store, in) -> { spool.write(store, in); return DimseStatus.SUCCESS; })
 *     .start();
 * }</pre>
 */
public final class DicomServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);

    private final ScpConfig config;
    private final ConnectionOptions options;
    private final ServerSocket serverSocket;
    private final ExecutorService associationThreads = NetThreads.cached("dicom-scp");
    private final ExecutorService workers = NetThreads.cached("dicom-scp-op");
    private final ScheduledExecutorService scheduler = NetThreads.scheduler("dicom-scp-timer");
    private final Set<AssociationImpl> active = ConcurrentHashMap.newKeySet();
    private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
    private final Negotiator negotiator;
    private final ScpDispatcher dispatcher;
    private final DicomClient moveClient;
    private final Thread acceptThread;
    private volatile boolean closed;
    /** Set by {@link #stopAccepting()}: the port is released, established associations go on. */
    private volatile boolean acceptStopped;

    private DicomServer(Builder b) throws IOException {
        this.config = b.config;
        this.options = config.options();
        boolean move = b.retrieveProvider != null && b.moveDestinationResolver != null;
        this.moveClient = move ? new DicomClient(b.moveClientOptions != null ? b.moveClientOptions : options) : null;
        this.negotiator = new Negotiator(config, b.queryProvider != null, move, b.retrieveProvider != null,
                b.authenticator, () -> active.size() >= config.maxAssociations());
        this.dispatcher = new ScpDispatcher(b.storageSink, b.queryProvider, b.retrieveProvider, b.moveDestinationResolver,
                moveClient, workers);
        ServerSocket ss = new ServerSocket();
        try {
            ss.setReuseAddress(true);
            InetAddress bind = config.bindAddress() == null ? null : InetAddress.getByName(config.bindAddress());
            ss.bind(new InetSocketAddress(bind, config.port()), 64);
        } catch (IOException e) {
            ss.close();
            shutdownPools();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        this.serverSocket = ss;
        this.acceptThread = NetThreads.factory("dicom-scp-accept-" + ss.getLocalPort()).newThread(this::acceptLoop);
        acceptThread.start();
        LOG.info("DICOM SCP {} listening on {}{}", config.aeTitles().isEmpty() ? "(any AE title)" : config.aeTitles(),
                ss.getLocalSocketAddress(), options.tls() != null ? " (TLS)" : "");
    }

    public static Builder builder(ScpConfig config) {
        return new Builder(config);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The associations currently established. */
    public List<Association> activeAssociations() {
        return List.copyOf(active);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (!closed && !acceptStopped) {
                    LOG.error("DICOM SCP on port {}: accept failed, no longer listening: {}", port(), e.toString());
                }
                return;
            }
            try {
                associationThreads.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        handshaking.add(plain);
        AssociationImpl a;
        try {
            plain.setTcpNoDelay(true);
            if (options.tls() != null) {
                SSLSocket tls = options.tls().wrapServer(plain);
                tls.setSoTimeout((int) options.artimTimeout().toMillis());
                tls.startHandshake();
                socket = tls;
            }
            a = AssociationImpl.accept(socket, options, negotiator, scheduler);
        } catch (AssociationRejectedException e) {
            LOG.debug("association from {} rejected: {}", plain.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(socket);
            return;
        } catch (IOException e) {
            LOG.warn("association from {} failed: {}", plain.getRemoteSocketAddress(), e.getMessage());
            closeQuietly(socket);
            return;
        } catch (RuntimeException e) {
            // a bug, not a peer error: logged like AssociationImpl's internal errors, with the stack trace
            LOG.error("association from {} failed: internal error", plain.getRemoteSocketAddress(), e);
            closeQuietly(socket);
            return;
        } finally {
            handshaking.remove(plain);
        }
        active.add(a);
        try {
            if (closed) {
                a.abort();
                return;
            }
            LOG.info("{}: association accepted", a.label());
            a.runReader(dispatcher);
        } finally {
            active.remove(a);
        }
    }

    /**
     * Stops listening (the port is released at once, new connections are refused) while the associations
     * already established or negotiating go on until their peers release them; {@link #close()} still aborts
     * whatever is left. Lets a listener be replaced (new port or AE title) without cutting transfers in progress.
     */
    public void stopAccepting() {
        if (acceptStopped || closed) {
            return;
        }
        acceptStopped = true;
        closeQuietly(serverSocket);
        try {
            // the port is really closed only once the thread blocked in accept() has left it
            acceptThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("DICOM SCP on port {} no longer accepts associations ({} open)", serverSocket.getLocalPort(),
                active.size() + handshaking.size());
    }

    /** Associations established or still negotiating: 0 means a listener that stopped accepting is idle. */
    public int openAssociations() {
        return active.size() + handshaking.size();
    }

    /** Stops listening, aborts every open association and stops all threads (bounded wait). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(serverSocket);
        handshaking.forEach(DicomServer::closeQuietly);
        for (AssociationImpl a : active) {
            a.abort();
        }
        try {
            acceptThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownPools();
        LOG.info("DICOM SCP on port {} stopped", serverSocket.getLocalPort());
    }

    private void shutdownPools() {
        NetThreads.shutdown(workers, 2000);
        NetThreads.shutdown(associationThreads, 2000);
        NetThreads.shutdown(scheduler, 500);
        if (moveClient != null) {
            moveClient.close();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing useful to do
        }
    }

    public static final class Builder {
        private final ScpConfig config;
        private StorageSink storageSink;
        private QueryProvider queryProvider;
        private RetrieveProvider retrieveProvider;
        private MoveDestinationResolver moveDestinationResolver;
        private UserIdentityAuthenticator authenticator;
        private ConnectionOptions moveClientOptions;

        private Builder(ScpConfig config) {
            this.config = config;
        }

        public Builder storageSink(StorageSink sink) {
            this.storageSink = sink;
            return this;
        }

        public Builder queryProvider(QueryProvider provider) {
            this.queryProvider = provider;
            return this;
        }

        public Builder retrieveProvider(RetrieveProvider provider) {
            this.retrieveProvider = provider;
            return this;
        }

        public Builder moveDestinationResolver(MoveDestinationResolver resolver) {
            this.moveDestinationResolver = resolver;
            return this;
        }

        public Builder userIdentityAuthenticator(UserIdentityAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Connection options for the associations C-MOVE opens to destinations (default: the SCP's). */
        public Builder moveClientOptions(ConnectionOptions options) {
            this.moveClientOptions = options;
            return this;
        }

        /** Binds the port and starts accepting. */
        public DicomServer start() throws IOException {
            return new DicomServer(this);
        }
    }
}

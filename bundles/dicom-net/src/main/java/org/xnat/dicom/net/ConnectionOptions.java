package org.xnat.dicom.net;

import java.time.Duration;
import java.util.Objects;

import org.xnat.dicom.net.tls.TlsOptions;

/**
 * Transport and upper-layer settings of one side of an association: timeouts, PDU sizes,
 * asynchronous operations window, TLS. Immutable; build with {@link #builder()}.
 * Every blocking step is bounded by one of these timeouts.
 */
public final class ConnectionOptions {
    /** Default maximum P-DATA-TF length we announce and accept. */
    public static final int DEFAULT_MAX_PDU_LENGTH = 65536;
    /** Hard upper bound of {@link #maxPduLengthReceive()}: beyond this a peer could make us allocate too much. */
    public static final int MAX_PDU_LENGTH_LIMIT = 16 * 1024 * 1024;

    private final Duration connectTimeout;
    private final Duration artimTimeout;
    private final Duration idleTimeout;
    private final Duration responseTimeout;
    private final Duration writeTimeout;
    private final int maxPduLengthReceive;
    private final int maxPduLengthSend;
    private final int maxOperationsInvoked;
    private final int maxOperationsPerformed;
    private final int maxIdentifierLength;
    private final TlsOptions tls;
    private final String implementationClassUid;
    private final String implementationVersionName;

    private ConnectionOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.artimTimeout = b.artimTimeout;
        this.idleTimeout = b.idleTimeout;
        this.responseTimeout = b.responseTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxPduLengthReceive = b.maxPduLengthReceive;
        this.maxPduLengthSend = b.maxPduLengthSend;
        this.maxOperationsInvoked = b.maxOperationsInvoked;
        this.maxOperationsPerformed = b.maxOperationsPerformed;
        this.maxIdentifierLength = b.maxIdentifierLength;
        this.tls = b.tls;
        this.implementationClassUid = b.implementationClassUid;
        this.implementationVersionName = b.implementationVersionName;
    }

    public static ConnectionOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.artimTimeout = artimTimeout;
        b.idleTimeout = idleTimeout;
        b.responseTimeout = responseTimeout;
        b.writeTimeout = writeTimeout;
        b.maxPduLengthReceive = maxPduLengthReceive;
        b.maxPduLengthSend = maxPduLengthSend;
        b.maxOperationsInvoked = maxOperationsInvoked;
        b.maxOperationsPerformed = maxOperationsPerformed;
        b.maxIdentifierLength = maxIdentifierLength;
        b.tls = tls;
        b.implementationClassUid = implementationClassUid;
        b.implementationVersionName = implementationVersionName;
        return b;
    }

    /** TCP connect timeout (SCU). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** ARTIM: waiting for A-ASSOCIATE-RQ/AC/RJ, A-RELEASE-RP, and the TLS handshake. */
    public Duration artimTimeout() {
        return artimTimeout;
    }

    /** An established association with nothing outstanding is aborted after this long without a PDU. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Longest wait for a DIMSE response (each pending response restarts it). */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** A PDU write that makes no progress for this long aborts the association. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    public int maxPduLengthReceive() {
        return maxPduLengthReceive;
    }

    /** Our own cap on the P-DATA-TF we send, whatever the peer would accept. */
    public int maxPduLengthSend() {
        return maxPduLengthSend;
    }

    /** Asynchronous operations window we propose/accept: operations invoked (0 = unlimited). */
    public int maxOperationsInvoked() {
        return maxOperationsInvoked;
    }

    /** Asynchronous operations window we propose/accept: operations performed (0 = unlimited). */
    public int maxOperationsPerformed() {
        return maxOperationsPerformed;
    }

    /** Largest C-FIND/C-MOVE/C-GET identifier (held in memory) accepted from a peer. */
    public int maxIdentifierLength() {
        return maxIdentifierLength;
    }

    /** TLS settings, or null for plain TCP. */
    public TlsOptions tls() {
        return tls;
    }

    public String implementationClassUid() {
        return implementationClassUid;
    }

    public String implementationVersionName() {
        return implementationVersionName;
    }

    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration artimTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private Duration responseTimeout = Duration.ofSeconds(120);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private int maxPduLengthReceive = DEFAULT_MAX_PDU_LENGTH;
        private int maxPduLengthSend = DEFAULT_MAX_PDU_LENGTH * 4;
        private int maxOperationsInvoked = 1;
        private int maxOperationsPerformed = 1;
        private int maxIdentifierLength = 4 * 1024 * 1024;
        private TlsOptions tls;
        private String implementationClassUid = Implementation.CLASS_UID;
        private String implementationVersionName = Implementation.VERSION_NAME;

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        public Builder artimTimeout(Duration d) {
            this.artimTimeout = positive(d, "artimTimeout");
            return this;
        }

        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        public Builder responseTimeout(Duration d) {
            this.responseTimeout = positive(d, "responseTimeout");
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = positive(d, "writeTimeout");
            return this;
        }

        public Builder maxPduLengthReceive(int n) {
            if (n < 1024 || n > MAX_PDU_LENGTH_LIMIT) {
                throw new IllegalArgumentException("maxPduLengthReceive must be in 1024.." + MAX_PDU_LENGTH_LIMIT);
            }
            this.maxPduLengthReceive = n;
            return this;
        }

        public Builder maxPduLengthSend(int n) {
            if (n < 1024 || n > MAX_PDU_LENGTH_LIMIT) {
                throw new IllegalArgumentException("maxPduLengthSend must be in 1024.." + MAX_PDU_LENGTH_LIMIT);
            }
            this.maxPduLengthSend = n;
            return this;
        }

        /** Asynchronous operations window (PS3.7 D.3.3.3); 0 means unlimited. */
        public Builder asyncOperationsWindow(int invoked, int performed) {
            if (invoked < 0 || invoked > 65535 || performed < 0 || performed > 65535) {
                throw new IllegalArgumentException("operations window values must be in 0..65535");
            }
            this.maxOperationsInvoked = invoked;
            this.maxOperationsPerformed = performed;
            return this;
        }

        public Builder maxIdentifierLength(int n) {
            if (n < 1024) {
                throw new IllegalArgumentException("maxIdentifierLength too small");
            }
            this.maxIdentifierLength = n;
            return this;
        }

        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        public Builder implementation(String classUid, String versionName) {
            this.implementationClassUid = Objects.requireNonNull(classUid);
            if (versionName != null && versionName.length() > 16) {
                throw new IllegalArgumentException("implementation version name has more than 16 characters");
            }
            this.implementationVersionName = versionName;
            return this;
        }

        public ConnectionOptions build() {
            return new ConnectionOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}

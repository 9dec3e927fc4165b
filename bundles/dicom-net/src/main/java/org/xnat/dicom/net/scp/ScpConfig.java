package org.xnat.dicom.net.scp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xnat.dicom.net.ConnectionOptions;

/**
 * Where an SCP listens and what it accepts. Defaults: any called AE title, any calling AE title,
 * all storage SOP classes of the dictionary plus Verification (plus the query/retrieve models of
 * the providers given to the server), every known transfer syntax (a compressed one is accepted
 * as-is when it is the requestor's first choice, otherwise Explicit VR Little Endian is preferred).
 */
public final class ScpConfig {
    private final String bindAddress;
    private final int port;
    private final Set<String> aeTitles;
    private final Set<String> acceptedCallingAeTitles;
    private final Set<String> sopClasses;
    private final List<String> transferSyntaxes;
    private final int maxAssociations;
    private final boolean requireUserIdentity;
    private final ConnectionOptions options;

    private ScpConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.aeTitles = Set.copyOf(b.aeTitles);
        this.acceptedCallingAeTitles = Set.copyOf(b.callingAeTitles);
        this.sopClasses = b.sopClasses == null ? null : Set.copyOf(b.sopClasses);
        this.transferSyntaxes = b.transferSyntaxes == null ? null : List.copyOf(b.transferSyntaxes);
        this.maxAssociations = b.maxAssociations;
        this.requireUserIdentity = b.requireUserIdentity;
        this.options = b.options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Local address to bind, or null for all interfaces. */
    public String bindAddress() {
        return bindAddress;
    }

    /** TCP port; 0 picks a free one (see {@link DicomServer#port()}). */
    public int port() {
        return port;
    }

    /** Called AE titles answered; empty = any. */
    public Set<String> aeTitles() {
        return aeTitles;
    }

    /** Calling AE titles accepted; empty = any. */
    public Set<String> acceptedCallingAeTitles() {
        return acceptedCallingAeTitles;
    }

    /** Abstract syntaxes accepted, or null for the defaults. */
    public Set<String> sopClasses() {
        return sopClasses;
    }

    /** Transfer syntaxes accepted in preference order, or null for the defaults. */
    public List<String> transferSyntaxes() {
        return transferSyntaxes;
    }

    public int maxAssociations() {
        return maxAssociations;
    }

    /** Reject requests without a user identity (needs an authenticator). */
    public boolean requireUserIdentity() {
        return requireUserIdentity;
    }

    public ConnectionOptions options() {
        return options;
    }

    public static final class Builder {
        private String bindAddress;
        private int port;
        private final Set<String> aeTitles = new LinkedHashSet<>();
        private final Set<String> callingAeTitles = new LinkedHashSet<>();
        private Set<String> sopClasses;
        private List<String> transferSyntaxes;
        private int maxAssociations = 100;
        private boolean requireUserIdentity;
        private ConnectionOptions options = ConnectionOptions.defaults();

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder aeTitles(String... titles) {
            aeTitles.addAll(List.of(titles));
            return this;
        }

        public Builder acceptedCallingAeTitles(String... titles) {
            callingAeTitles.addAll(List.of(titles));
            return this;
        }

        public Builder sopClasses(Set<String> uids) {
            this.sopClasses = new LinkedHashSet<>(uids);
            return this;
        }

        public Builder transferSyntaxes(List<String> uidsInPreferenceOrder) {
            this.transferSyntaxes = new ArrayList<>(uidsInPreferenceOrder);
            return this;
        }

        public Builder maxAssociations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAssociations must be positive");
            }
            this.maxAssociations = n;
            return this;
        }

        public Builder requireUserIdentity(boolean require) {
            this.requireUserIdentity = require;
            return this;
        }

        public Builder options(ConnectionOptions options) {
            this.options = options;
            return this;
        }

        public ScpConfig build() {
            return new ScpConfig(this);
        }
    }
}

package org.xnat.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** An established DICOM association, seen from either side. */
public interface Association extends AutoCloseable {

    String callingAeTitle();

    String calledAeTitle();

    /** True on the side that sent the A-ASSOCIATE-RQ. */
    boolean isRequestor();

    InetSocketAddress remoteAddress();

    /** The accepted presentation contexts (abstract syntax filled in). */
    List<PresentationContext> acceptedPresentationContexts();

    /** The first accepted context for the abstract syntax, optionally with that transfer syntax (null = any). */
    Optional<PresentationContext> acceptedPresentationContext(String abstractSyntax, String transferSyntax);

    /** Negotiated role selection for a SOP class, if the request contained one and it was answered. */
    Optional<RoleSelection> negotiatedRoleSelection(String sopClassUid);

    /** The peer's maximum P-DATA-TF length (0 = unlimited). */
    long peerMaxPduLength();

    String peerImplementationClassUid();

    String peerImplementationVersionName();

    /** Operations this side may have outstanding at once (0 = unlimited). */
    int maxOperationsInvoked();

    /** The user identity the requestor presented (passcode included; never log it). */
    Optional<UserIdentity> userIdentity();

    /** The principal the {@code UserIdentityAuthenticator} returned on the SCP side. */
    Optional<String> authenticatedUser();

    /** The TLS session, when the association runs over TLS. */
    Optional<SSLSession> tlsSession();

    boolean isOpen();

    /** Orderly release (A-RELEASE), waiting at most the ARTIM timeout for the answer, then abort. */
    void release() throws IOException;

    /** A-ABORT (service-user) and close; never blocks for long and never throws. */
    void abort();

    /** Releases if open; aborts if the release fails. */
    @Override
    void close();
}

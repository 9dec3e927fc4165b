package org.xnat.dicom.net.scp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.internal.KnownUids;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;

/** Applies an {@link ScpConfig} to an A-ASSOCIATE-RQ: AE titles, user identity, contexts, roles, window. */
final class Negotiator implements AssociationImpl.Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Negotiator.class);

    private final ScpConfig config;
    private final Set<String> sopClasses;
    private final List<String> transferSyntaxes;
    private final UserIdentityAuthenticator authenticator;
    private final boolean getSupported;
    private final java.util.function.BooleanSupplier overLimit;

    Negotiator(ScpConfig config, boolean findSupported, boolean moveSupported, boolean getSupported,
            UserIdentityAuthenticator authenticator, java.util.function.BooleanSupplier overLimit) {
        this.config = config;
        this.authenticator = authenticator;
        this.getSupported = getSupported;
        this.overLimit = overLimit;
        if (config.sopClasses() != null) {
            this.sopClasses = config.sopClasses();
        } else {
            Set<String> s = new LinkedHashSet<>();
            s.add(KnownUids.VERIFICATION);
            s.addAll(KnownUids.storageSopClasses());
            if (findSupported) {
                s.addAll(KnownUids.FIND_MODELS);
            }
            if (moveSupported) {
                s.addAll(KnownUids.MOVE_MODELS);
            }
            if (getSupported) {
                s.addAll(KnownUids.GET_MODELS);
            }
            this.sopClasses = Set.copyOf(s);
        }
        this.transferSyntaxes = config.transferSyntaxes() != null ? config.transferSyntaxes()
                : KnownUids.transferSyntaxesInPreferenceOrder();
    }

    @Override
    public AssociatePdu negotiate(AssociatePdu rq, AssociationImpl association) throws AssociationRejectedException {
        if (!config.aeTitles().isEmpty() && !config.aeTitles().contains(rq.calledAeTitle)) {
            LOG.info("{}: rejected, called AE title {} is not served here", label(association), rq.calledAeTitle);
            throw reject(AssociationRejectedException.RESULT_PERMANENT, AssociationRejectedException.SOURCE_SERVICE_USER,
                    AssociationRejectedException.REASON_CALLED_AE_NOT_RECOGNIZED);
        }
        if (!config.acceptedCallingAeTitles().isEmpty() && !config.acceptedCallingAeTitles().contains(rq.callingAeTitle)) {
            LOG.info("{}: rejected, calling AE title {} is not accepted", label(association), rq.callingAeTitle);
            throw reject(AssociationRejectedException.RESULT_PERMANENT, AssociationRejectedException.SOURCE_SERVICE_USER,
                    AssociationRejectedException.REASON_CALLING_AE_NOT_RECOGNIZED);
        }
        if (overLimit.getAsBoolean()) {
            LOG.warn("{}: rejected, {} associations already open", label(association), config.maxAssociations());
            throw reject(AssociationRejectedException.RESULT_TRANSIENT,
                    AssociationRejectedException.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                    AssociationRejectedException.REASON_LOCAL_LIMIT_EXCEEDED);
        }
        AssociatePdu ac = new AssociatePdu();
        authenticate(rq, ac, association);
        for (PresentationContext pc : rq.presentationContexts) {
            ac.presentationContexts.add(negotiate(pc));
        }
        for (RoleSelection rs : rq.roleSelections) {
            boolean accepted = ac.presentationContexts.stream()
                    .anyMatch(pc -> pc.isAccepted() && rs.sopClassUid().equals(rq.presentationContext(pc.id()).abstractSyntax()));
            if (accepted) {
                // The requestor may act as SCP of a storage class only where we can send to it (C-GET).
                ac.roleSelections.add(new RoleSelection(rs.sopClassUid(), rs.scu(), rs.scp() && getSupported));
            }
        }
        if (rq.maxOperationsInvoked != null) {
            ConnectionOptions o = config.options();
            ac.maxOperationsInvoked = window(rq.maxOperationsInvoked, o.maxOperationsInvoked());
            ac.maxOperationsPerformed = window(rq.maxOperationsPerformed, o.maxOperationsPerformed());
        }
        return ac;
    }

    private void authenticate(AssociatePdu rq, AssociatePdu ac, AssociationImpl association) throws AssociationRejectedException {
        if (rq.userIdentity == null) {
            if (config.requireUserIdentity()) {
                LOG.info("{}: rejected, no user identity presented", label(association));
                throw reject(AssociationRejectedException.RESULT_PERMANENT, AssociationRejectedException.SOURCE_SERVICE_USER,
                        AssociationRejectedException.REASON_NO_REASON);
            }
            return;
        }
        if (authenticator == null) {
            if (config.requireUserIdentity()) {
                throw reject(AssociationRejectedException.RESULT_PERMANENT, AssociationRejectedException.SOURCE_SERVICE_USER,
                        AssociationRejectedException.REASON_NO_REASON);
            }
            return;
        }
        Optional<UserIdentityAuthenticator.Authentication> auth;
        try {
            auth = authenticator.authenticate(rq.userIdentity, rq.callingAeTitle, association.remoteAddress());
        } catch (RuntimeException e) {
            LOG.warn("{}: user identity authenticator failed: {}", label(association), e.toString());
            auth = Optional.empty();
        }
        if (auth.isEmpty()) {
            LOG.info("{}: rejected, user identity {} not authenticated", label(association), rq.userIdentity);
            throw reject(AssociationRejectedException.RESULT_PERMANENT, AssociationRejectedException.SOURCE_SERVICE_USER,
                    AssociationRejectedException.REASON_NO_REASON);
        }
        association.setAuthenticatedUser(auth.get().principal());
        if (rq.userIdentity.positiveResponseRequested()) {
            byte[] r = auth.get().serverResponse();
            ac.userIdentityServerResponse = r == null ? new byte[0] : r.clone();
        }
    }

    private PresentationContext negotiate(PresentationContext pc) {
        if (!sopClasses.contains(pc.abstractSyntax())) {
            return PresentationContext.rejected(pc.id(), pc.abstractSyntax(),
                    PresentationContext.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        List<String> proposed = pc.transferSyntaxes();
        String first = proposed.get(0);
        // The requestor's first choice, if compressed and acceptable, is taken as-is: the router passes it through.
        if (KnownUids.isEncapsulated(first) && transferSyntaxes.contains(first)) {
            return PresentationContext.accepted(pc.id(), pc.abstractSyntax(), first);
        }
        for (String ts : transferSyntaxes) {
            if (proposed.contains(ts)) {
                return PresentationContext.accepted(pc.id(), pc.abstractSyntax(), ts);
            }
        }
        return PresentationContext.rejected(pc.id(), pc.abstractSyntax(),
                PresentationContext.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    private static String label(AssociationImpl a) {
        return a == null ? "association" : a.label();
    }

    private static int window(int proposed, int ours) {
        if (proposed == 0) {
            return ours;
        }
        if (ours == 0) {
            return proposed;
        }
        return Math.min(proposed, ours);
    }

    private static AssociationRejectedException reject(int result, int source, int reason) {
        return new AssociationRejectedException(result, source, reason);
    }
}

package org.xnat.dicom.net.scu;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.net.Association;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.NoPresentationContextException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.UserIdentity;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.dimse.ResponseCollector;
import org.xnat.dicom.net.internal.dimse.Identifiers;
import org.xnat.dicom.net.internal.dimse.StoreHandler;
import org.xnat.dicom.net.internal.io.DatasetSource;
import org.xnat.dicom.net.internal.io.Part10Header;

/**
 * An association opened by {@link DicomClient}, with the DIMSE-C operations of an SCU.
 * Operations may be called from several threads; C-STOREs can be pipelined with
 * {@link #storeAsync} up to the negotiated asynchronous operations window.
 */
public final class ScuAssociation implements Association {
    private static final Logger LOG = LoggerFactory.getLogger(ScuAssociation.class);
    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    final AssociationImpl impl;
    private volatile StorageSink getSink;
    private final java.util.concurrent.locks.ReentrantLock getLock = new java.util.concurrent.locks.ReentrantLock();

    ScuAssociation(AssociationImpl impl) {
        this.impl = impl;
    }

    // ------------------------------------------------------------------ C-ECHO

    /** C-ECHO; returns the response status (0 on success). */
    public int echo() throws IOException {
        PresentationContext pc = impl.acceptedPresentationContext(VERIFICATION, null)
                .orElseThrow(() -> new NoPresentationContextException(impl.label() + ": Verification was not accepted"));
        ResponseCollector c = new ResponseCollector();
        impl.invoke(pc, Command.request(Command.C_ECHO_RQ, 0, VERIFICATION, false), (InputStream) null, c);
        return c.await(impl, "C-ECHO").status();
    }

    // ------------------------------------------------------------------ C-STORE

    /** Stores a Part 10 file and waits for the response (see {@link #storeAsync(Path)} for the transfer syntax). */
    public DimseResponse store(Path part10File) throws IOException {
        return await(storeAsync(part10File), "C-STORE");
    }

    /**
     * Sends a Part 10 file and returns once it is sent; the future completes with the C-STORE-RSP.
     * The data set goes out unchanged when a context with the file's transfer syntax was accepted,
     * else converted to an accepted uncompressed one (only between uncompressed transfer syntaxes).
     */
    public CompletableFuture<DimseResponse> storeAsync(Path part10File) throws IOException {
        Part10Header h = Part10Header.read(part10File);
        PresentationContext pc = selectContextForSending(h.sopClassUid(), h.transferSyntaxUid());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part10File), 65536)) {
            in.skipNBytes(h.datasetOffset());
            return storeAsync(pc, h.sopClassUid(), h.sopInstanceUid(), h.transferSyntaxUid(), in, 0, null, -1);
        }
    }

    /** Stores a data set (no File Meta Information) encoded in {@code transferSyntaxUid}; waits for the response. */
    public DimseResponse store(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataset)
            throws IOException {
        return await(storeAsync(sopClassUid, sopInstanceUid, transferSyntaxUid, dataset), "C-STORE");
    }

    /** Sends a data set and returns once it is sent; the future completes with the C-STORE-RSP. */
    public CompletableFuture<DimseResponse> storeAsync(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
            InputStream dataset) throws IOException {
        return storeAsync(selectContextForSending(sopClassUid, transferSyntaxUid), sopClassUid, sopInstanceUid,
                transferSyntaxUid, dataset, 0, null, -1);
    }

    /**
     * Full form, e.g. for C-MOVE sub-operations: explicit presentation context, the data set's own
     * transfer syntax (converted to the context's if they differ and both are uncompressed),
     * priority and move originator (null/-1 when not a sub-operation).
     */
    public CompletableFuture<DimseResponse> storeAsync(PresentationContext pc, String sopClassUid, String sopInstanceUid,
            String datasetTransferSyntaxUid, InputStream dataset, int priority, String moveOriginatorAeTitle,
            int moveOriginatorMessageId) throws IOException {
        Command rq = Command.request(Command.C_STORE_RQ, 0, sopClassUid, true);
        rq.putUS(Command.PRIORITY, priority);
        rq.putUid(Command.AFFECTED_SOP_INSTANCE_UID, sopInstanceUid);
        if (moveOriginatorAeTitle != null) {
            rq.putString(Command.MOVE_ORIGINATOR_AE_TITLE, moveOriginatorAeTitle);
            rq.putUS(Command.MOVE_ORIGINATOR_MESSAGE_ID, moveOriginatorMessageId);
        }
        ResponseCollector c = new ResponseCollector();
        impl.invokeWith(pc, rq, DatasetSource.writer(dataset, datasetTransferSyntaxUid, pc.transferSyntax()), c);
        c.touch();
        // Bound the wait even when nobody calls get(): a silent peer must not leave the future open forever.
        long timeout = impl.options().responseTimeout().toMillis();
        var watchdog = impl.scheduler().schedule(() -> {
            if (!c.result().isDone()) {
                LOG.warn("{}: no C-STORE-RSP for {} within {} ms, aborting", impl.label(), sopInstanceUid, timeout);
                impl.abort();
            }
        }, timeout, TimeUnit.MILLISECONDS);
        c.result().whenComplete((r, e) -> watchdog.cancel(false));
        return c.result();
    }

    /**
     * The accepted context for a SOP class and transfer syntax: exact match first; else, if the
     * transfer syntax is null, any accepted context of the SOP class.
     */
    public PresentationContext selectContext(String sopClassUid, String transferSyntaxUid) throws NoPresentationContextException {
        Optional<PresentationContext> pc = impl.acceptedPresentationContext(sopClassUid, transferSyntaxUid);
        if (pc.isEmpty() && transferSyntaxUid == null) {
            pc = impl.acceptedPresentationContext(sopClassUid, null);
        }
        return pc.orElseThrow(() -> new NoPresentationContextException(impl.label() + ": no accepted presentation context for "
                + sopClassUid + (transferSyntaxUid == null ? "" : " with transfer syntax " + transferSyntaxUid)));
    }

    /**
     * The context to send a data set of this SOP class and transfer syntax on: the exact transfer
     * syntax if accepted, else one the data can be converted to (Explicit VR LE preferred).
     */
    public PresentationContext selectContextForSending(String sopClassUid, String transferSyntaxUid)
            throws NoPresentationContextException {
        return DatasetSource.contextForSending(impl, sopClassUid, transferSyntaxUid);
    }

    private DimseResponse await(CompletableFuture<DimseResponse> f, String what) throws IOException {
        try {
            return f.get(impl.options().responseTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new DicomNetworkException(impl.label() + ": " + what + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            impl.abort();
            throw new DicomNetworkException(impl.label() + ": no " + what + " response; association aborted");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomNetworkException(impl.label() + ": interrupted");
        }
    }

    // ------------------------------------------------------------------ C-FIND

    /** Starts a C-FIND with the information model {@code sopClassUid}; iterate the returned matches. */
    public FindResults find(String sopClassUid, Attributes keys) throws IOException {
        return find(sopClassUid, keys, 0);
    }

    public FindResults find(String sopClassUid, Attributes keys, int priority) throws IOException {
        PresentationContext pc = selectContext(sopClassUid, null);
        Command rq = Command.request(Command.C_FIND_RQ, 0, sopClassUid, true);
        rq.putUS(Command.PRIORITY, priority);
        FindResults results = new FindResults(impl, pc);
        int id = impl.invoke(pc, rq, new ByteArrayInputStream(Identifiers.write(keys, pc.transferSyntax())), results.handler());
        results.started(id);
        return results;
    }

    /** Runs a C-FIND to the end and returns all matches (for small result sets). */
    public List<Attributes> findAll(String sopClassUid, Attributes keys) throws IOException {
        try (FindResults r = find(sopClassUid, keys)) {
            List<Attributes> list = new ArrayList<>();
            try {
                r.forEachRemaining(list::add);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            DimseResponse last = r.finalResponse();
            if (last.isFailure()) {
                throw new DimseException(last.status(), impl.label() + ": C-FIND failed: " + last);
            }
            return list;
        }
    }

    // ------------------------------------------------------------------ C-MOVE / C-GET

    /** C-MOVE of what {@code keys} selects to {@code destinationAeTitle}; returns the final response. */
    public DimseResponse move(String sopClassUid, String destinationAeTitle, Attributes keys, RetrieveProgress progress)
            throws IOException {
        PresentationContext pc = selectContext(sopClassUid, null);
        Command rq = Command.request(Command.C_MOVE_RQ, 0, sopClassUid, true);
        rq.putUS(Command.PRIORITY, 0);
        rq.putString(Command.MOVE_DESTINATION, destinationAeTitle);
        ResponseCollector c = retrieveCollector(progress);
        impl.invoke(pc, rq, new ByteArrayInputStream(Identifiers.write(keys, pc.transferSyntax())), c);
        return c.await(impl, "C-MOVE");
    }

    /**
     * C-GET: the peer sends the selected instances back on this association as C-STORE
     * sub-operations, which go to {@code sink}. The request must have proposed the storage SOP
     * classes with an SCP role selection (see {@link AssociationRequest.Builder#addRoleSelection}).
     */
    public DimseResponse get(String sopClassUid, Attributes keys, StorageSink sink, RetrieveProgress progress)
            throws IOException {
        PresentationContext pc = selectContext(sopClassUid, null);
        getLock.lock();
        try {
            setGetSink(sink);
            Command rq = Command.request(Command.C_GET_RQ, 0, sopClassUid, true);
            rq.putUS(Command.PRIORITY, 0);
            ResponseCollector c = retrieveCollector(progress);
            impl.invoke(pc, rq, new ByteArrayInputStream(Identifiers.write(keys, pc.transferSyntax())), c);
            return c.await(impl, "C-GET");
        } finally {
            setGetSink(null);
            getLock.unlock();
        }
    }

    private static ResponseCollector retrieveCollector(RetrieveProgress progress) {
        return new ResponseCollector() {
            @Override
            protected void onPending(DimseResponse response, InputStream dataset) {
                try {
                    progress.onPending(response);
                } catch (RuntimeException e) {
                    LOG.warn("retrieve progress callback failed: {}", e.toString());
                }
            }
        };
    }

    // ------------------------------------------------------------------ incoming requests (C-GET sub-operations)

    void onRequest(AssociationImpl a, PresentationContext pc, Command cmd, InputStream dataset) throws IOException {
        switch (cmd.commandField()) {
            case Command.C_STORE_RQ -> StoreHandler.handle(a, pc, cmd, dataset, getSink);
            case Command.C_ECHO_RQ -> a.send(pc, Command.response(cmd, DimseStatus.SUCCESS, false), null);
            default -> {
                LOG.warn("{}: unsupported request {} answered with 0211H", a.label(), cmd);
                a.send(pc, Command.response(cmd, DimseStatus.UNRECOGNIZED_OPERATION, false), null);
            }
        }
    }

    void setGetSink(StorageSink sink) {
        this.getSink = sink;
    }

    // ------------------------------------------------------------------ Association

    @Override
    public String callingAeTitle() {
        return impl.callingAeTitle();
    }

    @Override
    public String calledAeTitle() {
        return impl.calledAeTitle();
    }

    @Override
    public boolean isRequestor() {
        return true;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return impl.remoteAddress();
    }

    @Override
    public List<PresentationContext> acceptedPresentationContexts() {
        return impl.acceptedPresentationContexts();
    }

    @Override
    public Optional<PresentationContext> acceptedPresentationContext(String abstractSyntax, String transferSyntax) {
        return impl.acceptedPresentationContext(abstractSyntax, transferSyntax);
    }

    @Override
    public Optional<RoleSelection> negotiatedRoleSelection(String sopClassUid) {
        return impl.negotiatedRoleSelection(sopClassUid);
    }

    @Override
    public long peerMaxPduLength() {
        return impl.peerMaxPduLength();
    }

    @Override
    public String peerImplementationClassUid() {
        return impl.peerImplementationClassUid();
    }

    @Override
    public String peerImplementationVersionName() {
        return impl.peerImplementationVersionName();
    }

    @Override
    public int maxOperationsInvoked() {
        return impl.maxOperationsInvoked();
    }

    @Override
    public Optional<UserIdentity> userIdentity() {
        return impl.userIdentity();
    }

    @Override
    public Optional<String> authenticatedUser() {
        return impl.authenticatedUser();
    }

    /** The server response of user identity negotiation, if the acceptor sent one. */
    public Optional<byte[]> userIdentityServerResponse() {
        return Optional.ofNullable(impl.acceptPdu().userIdentityServerResponse).map(byte[]::clone);
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return impl.tlsSession();
    }

    @Override
    public boolean isOpen() {
        return impl.isOpen();
    }

    @Override
    public void release() throws IOException {
        impl.release();
    }

    @Override
    public void abort() {
        impl.abort();
    }

    @Override
    public void close() {
        impl.close();
    }

    @Override
    public String toString() {
        return impl.toString();
    }
}

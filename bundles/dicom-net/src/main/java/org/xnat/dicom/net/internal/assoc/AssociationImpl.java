package org.xnat.dicom.net.internal.assoc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.Association;
import org.xnat.dicom.net.AssociationAbortedException;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.PduFormatException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.UserIdentity;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;
import org.xnat.dicom.net.internal.pdu.PDataParser;
import org.xnat.dicom.net.internal.pdu.PduCodec;
import org.xnat.dicom.net.internal.pdu.PduReader;
import org.xnat.dicom.net.internal.pdu.PduType;
import org.xnat.dicom.net.internal.pdu.PduWriter;

/**
 * The upper-layer state machine of one association (PS3.8 9.2) and the DIMSE message transport
 * on top of it. One reader thread ({@link #runReader}) owns the input side: it assembles
 * commands, hands data sets to handlers as streams pulled PDV by PDV, routes responses to the
 * operations waiting for them and handles release and abort. Writers serialise whole messages.
 */
public final class AssociationImpl implements Association {
    private static final Logger LOG = LoggerFactory.getLogger(AssociationImpl.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    /** Handles requests the peer sends (called on the reader thread). */
    public interface RequestHandler {
        /**
         * @param dataset the request's data set as a stream, or null; what the handler does not read is skipped
         */
        void onRequest(AssociationImpl association, PresentationContext pc, Command command, InputStream dataset)
                throws IOException;
    }

    /** Receives the responses to one request this side invoked (called on the reader thread). */
    public interface ResponseHandler {
        void onResponse(Command response, InputStream dataset) throws IOException;

        void onFailure(IOException cause);
    }

    /** Decides the answer to an A-ASSOCIATE-RQ (SCP side). */
    public interface Acceptor {
        /** Returns the A-ASSOCIATE-AC content, or throws to send an A-ASSOCIATE-RJ. */
        AssociatePdu negotiate(AssociatePdu rq, AssociationImpl association) throws AssociationRejectedException;
    }

    enum State { AWAITING_AC, AWAITING_RQ, ESTABLISHED, AWAITING_RELEASE_RP, CLOSED }

    private final Socket socket;
    private final ConnectionOptions options;
    private final boolean requestor;
    private final ScheduledExecutorService scheduler;
    private final PduReader reader;
    private final PDataParser pdata = new PDataParser();
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<Integer, ResponseHandler> pending = new ConcurrentHashMap<>();
    private final Map<Integer, Runnable> incoming = new ConcurrentHashMap<>();
    private final AtomicInteger nextMessageId = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final List<Runnable> closeListeners = new ArrayList<>();
    private final Map<Integer, PresentationContext> accepted = new LinkedHashMap<>();
    private final String serial = Integer.toString(SERIAL.incrementAndGet());

    private volatile State state;
    private AssociatePdu rq;
    private AssociatePdu ac;
    private PduWriter writer;
    private Semaphore window;
    private boolean releaseCollision;
    private volatile IOException protocolFailure;
    private volatile String authenticatedUser;
    private volatile String label;
    private volatile boolean localAbort;

    private AssociationImpl(Socket socket, ConnectionOptions options, boolean requestor, ScheduledExecutorService scheduler)
            throws IOException {
        this.socket = socket;
        this.options = options;
        this.requestor = requestor;
        this.scheduler = scheduler;
        this.reader = PduReader.overTransport(socket.getInputStream());
        this.out = new TimedOutputStream(socket.getOutputStream(), scheduler, options.writeTimeout().toMillis(),
                this::onWriteTimeout);
        this.state = requestor ? State.AWAITING_AC : State.AWAITING_RQ;
        this.label = "assoc#" + serial + " " + socket.getRemoteSocketAddress();
    }

    // ------------------------------------------------------------------ establishment

    /** Sends the A-ASSOCIATE-RQ on a connected socket and waits (ARTIM) for the answer. */
    public static AssociationImpl request(Socket socket, ConnectionOptions options, AssociationRequest request,
            ScheduledExecutorService scheduler) throws IOException {
        AssociationImpl a = new AssociationImpl(socket, options, true, scheduler);
        try {
            a.doRequest(request);
            return a;
        } catch (IOException | RuntimeException e) {
            a.closeTransport();
            a.terminate(null);
            throw e;
        }
    }

    /** Waits (ARTIM) for an A-ASSOCIATE-RQ on an accepted socket and answers it. */
    public static AssociationImpl accept(Socket socket, ConnectionOptions options, Acceptor acceptor,
            ScheduledExecutorService scheduler) throws IOException {
        AssociationImpl a = new AssociationImpl(socket, options, false, scheduler);
        try {
            a.doAccept(acceptor);
            return a;
        } catch (IOException | RuntimeException e) {
            a.closeTransport();
            a.terminate(null);
            throw e;
        }
    }

    private void doRequest(AssociationRequest request) throws IOException {
        rq = new AssociatePdu();
        rq.callingAeTitle = request.callingAeTitle();
        rq.calledAeTitle = request.calledAeTitle();
        rq.presentationContexts.addAll(request.presentationContexts());
        rq.roleSelections.addAll(request.roleSelections());
        rq.userIdentity = request.userIdentity();
        fillUserInfo(rq);
        if (options.maxOperationsInvoked() != 1 || options.maxOperationsPerformed() != 1) {
            rq.maxOperationsInvoked = options.maxOperationsInvoked();
            rq.maxOperationsPerformed = options.maxOperationsPerformed();
        }
        label = rq.callingAeTitle + "->" + rq.calledAeTitle + "#" + serial;
        socket.setSoTimeout(millis(options.artimTimeout()));
        writeRaw(PduCodec.encodeAssociate(PduType.A_ASSOCIATE_RQ, rq));
        int type;
        try {
            type = reader.next(options.maxPduLengthReceive());
        } catch (SocketTimeoutException e) {
            sendAbort(0, 0);
            throw new DicomNetworkException(label + ": no answer to A-ASSOCIATE-RQ within "
                    + options.artimTimeout().toSeconds() + " s (ARTIM)");
        } catch (PduFormatException e) {
            sendAbort(2, e.abortReason());
            throw e;
        }
        switch (type) {
            case PduType.A_ASSOCIATE_AC -> {
                try {
                    ac = PduCodec.decodeAssociate(type, reader.body(), reader.length());
                } catch (PduFormatException e) {
                    sendAbort(2, e.abortReason());
                    throw e;
                }
                for (PresentationContext pc : ac.presentationContexts) {
                    PresentationContext proposed = rq.presentationContext(pc.id());
                    if (proposed == null) {
                        LOG.warn("{}: A-ASSOCIATE-AC answers presentation context {} which was not proposed", label, pc.id());
                    } else if (pc.isAccepted() && !proposed.transferSyntaxes().contains(pc.transferSyntax())) {
                        LOG.warn("{}: presentation context {} accepted with transfer syntax {} which was not proposed; ignored",
                                label, pc.id(), pc.transferSyntax());
                    } else if (pc.isAccepted()) {
                        accepted.put(pc.id(), pc.withAbstractSyntax(proposed.abstractSyntax()));
                    }
                }
                int invoked = ac.maxOperationsPerformed == null ? 1 : ac.maxOperationsPerformed;
                establish(invoked);
                LOG.debug("{}: established, {} of {} presentation contexts accepted", label, accepted.size(),
                        rq.presentationContexts.size());
            }
            case PduType.A_ASSOCIATE_RJ -> {
                int[] r = PduCodec.decodeReject(reader.body(), reader.length());
                state = State.CLOSED;
                throw new AssociationRejectedException(r[0], r[1], r[2]);
            }
            case PduType.A_ABORT -> {
                int[] r = PduCodec.decodeAbort(reader.body(), reader.length());
                state = State.CLOSED;
                throw new AssociationAbortedException(label + ": A-ASSOCIATE-RQ answered by A-ABORT "
                        + AssociationAbortedException.describe(r[0], r[1]));
            }
            default -> {
                sendAbort(2, PduFormatException.UNEXPECTED_PDU);
                throw new PduFormatException(label + ": unexpected " + PduType.name(type) + " in answer to A-ASSOCIATE-RQ",
                        PduFormatException.UNEXPECTED_PDU);
            }
        }
    }

    private void doAccept(Acceptor acceptor) throws IOException {
        socket.setSoTimeout(millis(options.artimTimeout()));
        int type;
        try {
            type = reader.next(options.maxPduLengthReceive());
        } catch (SocketTimeoutException e) {
            throw new DicomNetworkException(label + ": no A-ASSOCIATE-RQ within " + options.artimTimeout().toSeconds()
                    + " s (ARTIM)");
        } catch (PduFormatException e) {
            sendAbort(2, e.abortReason());
            throw new PduFormatException(label + ": " + e.getMessage(), e.abortReason());
        }
        if (type != PduType.A_ASSOCIATE_RQ) {
            sendAbort(2, PduFormatException.UNEXPECTED_PDU);
            throw new PduFormatException(label + ": expected A-ASSOCIATE-RQ, got " + PduType.name(type),
                    PduFormatException.UNEXPECTED_PDU);
        }
        try {
            rq = PduCodec.decodeAssociate(type, reader.body(), reader.length());
        } catch (PduFormatException e) {
            sendAbort(2, e.abortReason());
            throw new PduFormatException(label + ": " + e.getMessage(), e.abortReason());
        }
        label = rq.callingAeTitle + "->" + rq.calledAeTitle + "#" + serial + " " + socket.getRemoteSocketAddress();
        try {
            if ((rq.protocolVersion & 1) == 0) {
                throw new AssociationRejectedException(AssociationRejectedException.RESULT_PERMANENT,
                        AssociationRejectedException.SOURCE_SERVICE_PROVIDER_ACSE,
                        AssociationRejectedException.REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
            }
            if (!AssociatePdu.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext)) {
                throw new AssociationRejectedException(AssociationRejectedException.RESULT_PERMANENT,
                        AssociationRejectedException.SOURCE_SERVICE_USER,
                        AssociationRejectedException.REASON_APPLICATION_CONTEXT_NOT_SUPPORTED);
            }
            ac = acceptor.negotiate(rq, this);
        } catch (AssociationRejectedException e) {
            writeRaw(PduCodec.encodeReject(e.result(), e.source(), e.reason()));
            state = State.CLOSED;
            throw new AssociationRejectedException(e.result(), e.source(), e.reason());
        }
        fillUserInfo(ac);
        ac.callingAeTitle = rq.callingAeTitle;
        ac.calledAeTitle = rq.calledAeTitle;
        for (PresentationContext pc : ac.presentationContexts) {
            if (pc.isAccepted()) {
                accepted.put(pc.id(), pc);
            }
        }
        writeRaw(PduCodec.encodeAssociate(PduType.A_ASSOCIATE_AC, ac));
        establish(ac.maxOperationsInvoked == null ? 1 : ac.maxOperationsInvoked);
        LOG.debug("{}: accepted, {} of {} presentation contexts", label, accepted.size(), rq.presentationContexts.size());
    }

    private void fillUserInfo(AssociatePdu pdu) {
        pdu.maxPduLength = options.maxPduLengthReceive();
        pdu.implementationClassUid = options.implementationClassUid();
        pdu.implementationVersionName = options.implementationVersionName();
    }

    private void establish(int maxInvoked) throws IOException {
        AssociatePdu peer = requestor ? ac : rq;
        writer = new PduWriter(out, peer.maxPduLength, options.maxPduLengthSend());
        window = new Semaphore(maxInvoked == 0 ? Integer.MAX_VALUE : maxInvoked);
        socket.setSoTimeout(millis(options.idleTimeout()));
        state = State.ESTABLISHED;
    }

    // ------------------------------------------------------------------ reading

    /** Runs the reader loop until the association ends; returns normally after release or abort. */
    public void runReader(RequestHandler handler) {
        IOException cause = null;
        try {
            while (readMessage(handler)) {
                // next message
            }
        } catch (PduFormatException e) {
            LOG.warn("{}: protocol error, aborting: {}", label, e.getMessage());
            sendAbort(2, e.abortReason());
            cause = e;
        } catch (IOException e) {
            if (!localAbort) {
                String msg = String.valueOf(e.getMessage());
                LOG.info("{}", msg.startsWith(label) ? msg : label + ": " + msg);
            }
            if (state != State.CLOSED) {
                sendAbort(2, 0);
            }
            cause = e;
        } catch (RuntimeException e) {
            LOG.error("{}: internal error, aborting", label, e);
            sendAbort(2, 0);
            cause = new DicomNetworkException(label + ": internal error: " + e, e);
        } finally {
            terminate(cause);
        }
    }

    private boolean readMessage(RequestHandler handler) throws IOException {
        if (!nextPdv(false)) {
            return false;
        }
        if (!pdata.isCommand()) {
            throw new PduFormatException("data set fragment without a preceding command", PduFormatException.UNEXPECTED_PDU_PARAMETER);
        }
        int pcid = pdata.presentationContextId();
        PresentationContext pc = accepted.get(pcid);
        if (pc == null) {
            throw new PduFormatException("PDV on presentation context " + pcid + " which was not accepted");
        }
        ByteArrayOutputStream cmd = new ByteArrayOutputStream(256);
        while (true) {
            if (cmd.size() + pdata.dataLength() > Command.MAX_ENCODED_LENGTH) {
                throw new PduFormatException("command set longer than " + Command.MAX_ENCODED_LENGTH + " bytes");
            }
            cmd.write(pdata.data(), pdata.dataOffset(), pdata.dataLength());
            if (pdata.isLast()) {
                break;
            }
            nextPdv(true);
            if (!pdata.isCommand() || pdata.presentationContextId() != pcid) {
                throw new PduFormatException("command fragments interleaved with other PDVs", PduFormatException.UNEXPECTED_PDU_PARAMETER);
            }
        }
        byte[] raw = cmd.toByteArray();
        Command command = Command.decode(raw, raw.length);
        LOG.trace("{}: received {}", label, command);
        DatasetInput dataset = command.hasDataSet() ? new DatasetInput(pcid) : null;
        dispatch(pc, command, dataset, handler);
        if (dataset != null) {
            dataset.skipRest();
        }
        if (protocolFailure != null) {
            throw protocolFailure;
        }
        return state != State.CLOSED;
    }

    private void dispatch(PresentationContext pc, Command command, InputStream dataset, RequestHandler handler)
            throws IOException {
        if (command.isResponse()) {
            int id = command.messageIdBeingRespondedTo();
            ResponseHandler h = pending.get(id);
            if (h == null) {
                LOG.warn("{}: response {} to unknown message ID {} ignored", label, command, id);
                return;
            }
            if (!DimseStatus.isPending(command.status())) {
                pending.remove(id);
                window.release();
            }
            h.onResponse(command, dataset);
        } else if (command.commandField() == Command.C_CANCEL_RQ) {
            Runnable cancel = incoming.get(command.messageIdBeingRespondedTo());
            if (cancel != null) {
                cancel.run();
            }
        } else {
            handler.onRequest(this, pc, command, dataset);
        }
    }

    /**
     * Moves to the next PDV, reading PDUs (and handling release/abort) as needed.
     *
     * @return false when the association ended in an orderly way
     */
    private boolean nextPdv(boolean midMessage) throws IOException {
        while (!pdata.hasNext()) {
            int type;
            try {
                type = reader.next(options.maxPduLengthReceive());
            } catch (SocketTimeoutException e) {
                if (midMessage) {
                    throw new AssociationAbortedException(label + ": read timeout in the middle of a message");
                }
                if (state == State.ESTABLISHED && pending.isEmpty() && incoming.isEmpty()) {
                    throw new AssociationAbortedException(label + ": idle for " + options.idleTimeout().toSeconds()
                            + " s, aborting");
                }
                continue;
            }
            switch (type) {
                case PduType.P_DATA_TF -> {
                    if (state != State.ESTABLISHED && state != State.AWAITING_RELEASE_RP) {
                        throw unexpected(type);
                    }
                    pdata.reset(reader.body(), reader.length());
                }
                case PduType.A_RELEASE_RQ -> {
                    if (midMessage) {
                        throw unexpected(type);
                    }
                    onReleaseRequest();
                    if (state == State.CLOSED) {
                        return false;
                    }
                }
                case PduType.A_RELEASE_RP -> {
                    if (state != State.AWAITING_RELEASE_RP || midMessage) {
                        throw unexpected(type);
                    }
                    if (releaseCollision) {
                        writeRaw(PduCodec.encodeReleaseRp());
                    }
                    state = State.CLOSED;
                    closeTransport();
                    LOG.debug("{}: released", label);
                    return false;
                }
                case PduType.A_ABORT -> {
                    int[] r = PduCodec.decodeAbort(reader.body(), reader.length());
                    state = State.CLOSED;
                    closeTransport();
                    throw new AssociationAbortedException(label + ": aborted by peer "
                            + AssociationAbortedException.describe(r[0], r[1]));
                }
                default -> throw unexpected(type);
            }
        }
        pdata.next();
        return true;
    }

    private void onReleaseRequest() throws IOException {
        if (state == State.AWAITING_RELEASE_RP) {
            // Release collision (PS3.8 9.2, Sta9-Sta12): the requestor answers first.
            if (requestor) {
                writeRaw(PduCodec.encodeReleaseRp());
            } else {
                releaseCollision = true;
            }
            return;
        }
        if (state != State.ESTABLISHED) {
            throw unexpected(PduType.A_RELEASE_RQ);
        }
        awaitIncomingDone();
        if (!pending.isEmpty()) {
            LOG.warn("{}: peer released with {} operation(s) of ours outstanding", label, pending.size());
        }
        writeLock.lock();
        try {
            writeRaw(PduCodec.encodeReleaseRp());
        } finally {
            writeLock.unlock();
        }
        state = State.CLOSED;
        closeTransport();
        LOG.debug("{}: released by peer", label);
    }

    private void awaitIncomingDone() {
        long deadline = System.nanoTime() + options.responseTimeout().toNanos();
        if (!incoming.isEmpty()) {
            incoming.values().forEach(Runnable::run);
        }
        while (!incoming.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private PduFormatException unexpected(int type) {
        return new PduFormatException("unexpected " + PduType.name(type) + " in state " + state, PduFormatException.UNEXPECTED_PDU);
    }

    /** A data set's PDVs as a stream; reading pulls PDUs from the transport on the reader thread. */
    private final class DatasetInput extends InputStream {
        private final int pcid;
        private int pos;
        private int remaining;
        private boolean last;
        private boolean started;

        DatasetInput(int pcid) {
            this.pcid = pcid;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (last) {
                    return -1;
                }
                fetch();
            }
            int n = Math.min(len, remaining);
            System.arraycopy(pdata.data(), pos, b, off, n);
            pos += n;
            remaining -= n;
            return n;
        }

        @Override
        public int available() {
            return remaining;
        }

        /** Hands each PDV's bytes straight to {@code out}: no intermediate buffer, one write per fragment. */
        @Override
        public long transferTo(OutputStream out) throws IOException {
            long n = 0;
            while (true) {
                while (remaining == 0) {
                    if (last) {
                        return n;
                    }
                    fetch();
                }
                out.write(pdata.data(), pos, remaining);
                n += remaining;
                pos += remaining;
                remaining = 0;
            }
        }

        private void fetch() throws IOException {
            if (protocolFailure != null) {
                throw protocolFailure;
            }
            try {
                if (!nextPdv(true)) {
                    throw new AssociationAbortedException(label + ": association ended in the middle of a data set");
                }
                if (pdata.isCommand() || pdata.presentationContextId() != pcid) {
                    throw new PduFormatException("expected a data set fragment on presentation context " + pcid
                            + ", got " + (pdata.isCommand() ? "a command" : "context " + pdata.presentationContextId()),
                            PduFormatException.UNEXPECTED_PDU_PARAMETER);
                }
            } catch (IOException e) {
                // Remember it: a handler may swallow the exception, the reader loop must not.
                protocolFailure = e;
                throw e;
            }
            started = true;
            pos = pdata.dataOffset();
            remaining = pdata.dataLength();
            last = pdata.isLast();
        }

        void skipRest() throws IOException {
            if (protocolFailure != null) {
                throw protocolFailure;
            }
            while (!(started && last)) {
                fetch();
            }
            remaining = 0;
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Sends a request and registers the handler for its responses. Blocks (at most the response
     * timeout) while the asynchronous operations window is full. Returns the message ID.
     */
    public int invoke(PresentationContext pc, Command command, InputStream dataset, ResponseHandler handler)
            throws IOException {
        return invokeWith(pc, command, dataset == null ? null : out -> dataset.transferTo(out), handler);
    }

    /** Produces a data set into the stream it is given (which it must not close). */
    @FunctionalInterface
    public interface DatasetWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Like {@link #invoke(PresentationContext, Command, InputStream, ResponseHandler)} with a data set producer. */
    public int invokeWith(PresentationContext pc, Command command, DatasetWriter dataset, ResponseHandler handler)
            throws IOException {
        acquireWindow();
        int id = allocateMessageId();
        command.putUS(Command.MESSAGE_ID, id);
        pending.put(id, handler);
        try {
            sendWith(pc, command, dataset);
        } catch (IOException | RuntimeException e) {
            if (pending.remove(id) != null) {
                window.release();
            }
            throw e;
        }
        return id;
    }

    /** Sends a response, a C-CANCEL or any other message that needs no answer. */
    public void send(PresentationContext pc, Command command, InputStream dataset) throws IOException {
        sendWith(pc, command, dataset == null ? null : out -> dataset.transferTo(out));
    }

    private void sendWith(PresentationContext pc, Command command, DatasetWriter dataset) throws IOException {
        lockForWrite();
        try {
            checkOpen();
            LOG.trace("{}: sending {}", label, command);
            writer.writeMessage(pc.id(), true, command.encode());
            if (dataset != null) {
                OutputStream ds = writer.datasetOutput(pc.id());
                dataset.writeTo(ds);
                ds.close();
            }
        } catch (IOException e) {
            // A half-sent message cannot be recovered: the association is unusable.
            if (state != State.CLOSED) {
                LOG.warn("{}: sending {} failed, aborting: {}", label, command, e.toString());
                sendAbortLocked(2, 0);
                terminate(e);
            }
            throw e instanceof DicomNetworkException ? e : new AssociationAbortedException(label + ": send failed: " + e, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void lockForWrite() throws IOException {
        try {
            if (!writeLock.tryLock(options.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DicomNetworkException(label + ": another message is still being sent after "
                        + options.writeTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomNetworkException(label + ": interrupted");
        }
    }

    private void acquireWindow() throws IOException {
        long deadline = System.nanoTime() + options.responseTimeout().toNanos();
        try {
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                checkOpen();
                if (System.nanoTime() > deadline) {
                    throw new DicomNetworkException(label + ": asynchronous operations window stayed full for "
                            + options.responseTimeout().toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomNetworkException(label + ": interrupted");
        }
        checkOpen();
    }

    private int allocateMessageId() {
        while (true) {
            int id = nextMessageId.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
            if (!pending.containsKey(id)) {
                return id;
            }
        }
    }

    private void writeRaw(byte[] pdu) throws IOException {
        out.write(pdu);
        out.flush();
    }

    private void checkOpen() throws DicomNetworkException {
        if (state != State.ESTABLISHED) {
            throw new AssociationAbortedException(label + ": association is not open (" + state + ")");
        }
    }

    // ------------------------------------------------------------------ incoming operation bookkeeping

    /** Registers an operation being performed for the peer; {@code cancel} runs on C-CANCEL or teardown. */
    public void registerIncoming(int messageId, Runnable cancel) {
        incoming.put(messageId, cancel);
    }

    public void unregisterIncoming(int messageId) {
        incoming.remove(messageId);
    }

    public void addCloseListener(Runnable listener) {
        synchronized (closeListeners) {
            closeListeners.add(listener);
        }
    }

    public void setAuthenticatedUser(String user) {
        this.authenticatedUser = user;
    }

    public ConnectionOptions options() {
        return options;
    }

    public String label() {
        return label;
    }

    public AssociatePdu requestPdu() {
        return rq;
    }

    public AssociatePdu acceptPdu() {
        return ac;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    // ------------------------------------------------------------------ release / abort / teardown

    @Override
    public void release() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        long deadline = System.nanoTime() + options.responseTimeout().toNanos();
        while (!pending.isEmpty() && state == State.ESTABLISHED && System.nanoTime() < deadline) {
            sleep(5);
        }
        lockForWrite();
        try {
            checkOpen();
            state = State.AWAITING_RELEASE_RP;
            writeRaw(PduCodec.encodeReleaseRq());
        } catch (IOException e) {
            abort();
            throw e;
        } finally {
            writeLock.unlock();
        }
        try {
            if (!closed.await(options.artimTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: no A-RELEASE-RP within {} s (ARTIM), aborting", label, options.artimTimeout().toSeconds());
                abort();
                throw new DicomNetworkException(label + ": no A-RELEASE-RP within ARTIM timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new DicomNetworkException(label + ": interrupted while releasing");
        }
    }

    @Override
    public void abort() {
        if (state == State.CLOSED && terminated.get()) {
            return;
        }
        localAbort = true;
        sendAbort(0, 0);
        terminate(new AssociationAbortedException(label + ": aborted locally"));
    }

    @Override
    public void close() {
        if (state == State.ESTABLISHED) {
            try {
                release();
            } catch (IOException e) {
                abort();
            }
        } else if (!terminated.get()) {
            abort();
        }
    }

    /** Blocks until the association has ended, at most {@code millis}. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    private void sendAbort(int source, int reason) {
        if (state == State.CLOSED) {
            closeTransport();
            return;
        }
        boolean locked = false;
        try {
            locked = writeLock.tryLock(200, TimeUnit.MILLISECONDS);
            if (locked) {
                sendAbortLocked(source, reason);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                writeLock.unlock();
            }
            state = State.CLOSED;
            closeTransport();
        }
    }

    private void sendAbortLocked(int source, int reason) {
        try {
            if (state != State.CLOSED) {
                writeRaw(PduCodec.encodeAbort(source, reason));
            }
        } catch (IOException e) {
            LOG.debug("{}: could not send A-ABORT: {}", label, e.toString());
        }
        state = State.CLOSED;
        closeTransport();
    }

    private void onWriteTimeout() {
        LOG.warn("{}: write blocked for {} s (peer not reading), closing", label, options.writeTimeout().toSeconds());
        state = State.CLOSED;
        closeTransport();
    }

    private void closeTransport() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("{}: close: {}", label, e.toString());
        }
    }

    private void terminate(IOException cause) {
        if (!terminated.compareAndSet(false, true)) {
            return;
        }
        state = State.CLOSED;
        closeTransport();
        IOException failure = cause != null ? cause : new AssociationAbortedException(label + ": association closed");
        for (Integer id : new ArrayList<>(pending.keySet())) {
            ResponseHandler h = pending.remove(id);
            if (h != null) {
                try {
                    h.onFailure(failure);
                } catch (RuntimeException e) {
                    LOG.warn("{}: response handler failed", label, e);
                }
            }
        }
        incoming.values().forEach(Runnable::run);
        closed.countDown();
        List<Runnable> listeners;
        synchronized (closeListeners) {
            listeners = new ArrayList<>(closeListeners);
        }
        listeners.forEach(Runnable::run);
    }

    // ------------------------------------------------------------------ Association

    @Override
    public String callingAeTitle() {
        return rq == null ? null : rq.callingAeTitle;
    }

    @Override
    public String calledAeTitle() {
        return rq == null ? null : rq.calledAeTitle;
    }

    @Override
    public boolean isRequestor() {
        return requestor;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public List<PresentationContext> acceptedPresentationContexts() {
        return Collections.unmodifiableList(new ArrayList<>(accepted.values()));
    }

    @Override
    public Optional<PresentationContext> acceptedPresentationContext(String abstractSyntax, String transferSyntax) {
        for (PresentationContext pc : accepted.values()) {
            if (pc.abstractSyntax().equals(abstractSyntax)
                    && (transferSyntax == null || transferSyntax.equals(pc.transferSyntax()))) {
                return Optional.of(pc);
            }
        }
        return Optional.empty();
    }

    public PresentationContext acceptedPresentationContext(int id) {
        return accepted.get(id);
    }

    @Override
    public Optional<RoleSelection> negotiatedRoleSelection(String sopClassUid) {
        if (ac == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ac.roleSelection(sopClassUid));
    }

    @Override
    public long peerMaxPduLength() {
        AssociatePdu peer = requestor ? ac : rq;
        return peer == null ? 0 : peer.maxPduLength;
    }

    @Override
    public String peerImplementationClassUid() {
        AssociatePdu peer = requestor ? ac : rq;
        return peer == null ? null : peer.implementationClassUid;
    }

    @Override
    public String peerImplementationVersionName() {
        AssociatePdu peer = requestor ? ac : rq;
        return peer == null ? null : peer.implementationVersionName;
    }

    @Override
    public int maxOperationsInvoked() {
        if (ac == null) {
            return 1;
        }
        Integer n = requestor ? ac.maxOperationsPerformed : ac.maxOperationsInvoked;
        return n == null ? 1 : n;
    }

    @Override
    public Optional<UserIdentity> userIdentity() {
        return Optional.ofNullable(rq == null ? null : rq.userIdentity);
    }

    @Override
    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket s ? Optional.of(s.getSession()) : Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return state == State.ESTABLISHED;
    }

    @Override
    public String toString() {
        return label;
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

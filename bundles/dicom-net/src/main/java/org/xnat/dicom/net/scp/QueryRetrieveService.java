package org.xnat.dicom.net.scp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.data.Tag;
import org.xnat.dicom.data.VR;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RemoteAe;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.dimse.Identifiers;
import org.xnat.dicom.net.internal.dimse.ResponseCollector;
import org.xnat.dicom.net.internal.dimse.Responses;
import org.xnat.dicom.net.internal.io.DatasetSource;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;

/**
 * C-FIND, C-MOVE and C-GET as SCP. The identifier is read on the reader thread (size-capped);
 * the operation itself runs on a worker so the reader sees C-CANCEL and the C-STORE-RSPs of
 * C-GET sub-operations.
 */
final class QueryRetrieveService {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRetrieveService.class);

    private final QueryProvider queryProvider;
    private final RetrieveProvider retrieveProvider;
    private final MoveDestinationResolver resolver;
    private final DicomClient moveClient;
    private final ExecutorService workers;

    QueryRetrieveService(QueryProvider queryProvider, RetrieveProvider retrieveProvider, MoveDestinationResolver resolver,
            DicomClient moveClient, ExecutorService workers) {
        this.queryProvider = queryProvider;
        this.retrieveProvider = retrieveProvider;
        this.resolver = resolver;
        this.moveClient = moveClient;
        this.workers = workers;
    }

    void onRequest(AssociationImpl a, PresentationContext pc, Command rq, InputStream dataset) throws IOException {
        int field = rq.commandField();
        boolean supported = field == Command.C_FIND_RQ ? queryProvider != null
                : field == Command.C_GET_RQ ? retrieveProvider != null : retrieveProvider != null && resolver != null;
        if (!supported) {
            respond(a, pc, rq, DimseStatus.SOP_CLASS_NOT_SUPPORTED, "service not provided", null);
            return;
        }
        if (dataset == null) {
            respond(a, pc, rq, DimseStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "request without identifier", null);
            return;
        }
        Attributes keys;
        try {
            keys = Identifiers.read(dataset, pc.transferSyntax(), a.options().maxIdentifierLength());
        } catch (IOException e) {
            if (!a.isOpen()) {
                throw e;
            }
            LOG.warn("{}: unreadable identifier in {}: {}", a.label(), rq, e.getMessage());
            respond(a, pc, rq, DimseStatus.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, "unreadable identifier: " + e.getMessage(), null);
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        int id = rq.messageId();
        a.registerIncoming(id, () -> cancelled.set(true));
        try {
            workers.execute(() -> {
                try {
                    switch (field) {
                        case Command.C_FIND_RQ -> find(a, pc, rq, keys, cancelled);
                        case Command.C_MOVE_RQ -> retrieve(a, pc, rq, keys, cancelled, false);
                        default -> retrieve(a, pc, rq, keys, cancelled, true);
                    }
                } catch (IOException e) {
                    LOG.info("{}: {} ended: {}", a.label(), rq, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("{}: {} failed", a.label(), rq, e);
                    respondQuietly(a, pc, rq, DimseStatus.UNABLE_TO_PROCESS, "internal error: " + e, null);
                } finally {
                    a.unregisterIncoming(id);
                }
            });
        } catch (RejectedExecutionException e) {
            a.unregisterIncoming(id);
            respond(a, pc, rq, DimseStatus.REFUSED_OUT_OF_RESOURCES, "server shutting down", null);
        }
    }

    // ------------------------------------------------------------------ C-FIND

    private void find(AssociationImpl a, PresentationContext pc, Command rq, Attributes keys, AtomicBoolean cancelled)
            throws IOException {
        String cuid = rq.getString(Command.AFFECTED_SOP_CLASS_UID);
        int matches = 0;
        try (Stream<Attributes> stream = queryProvider.query(new QueryRequest(a, cuid, keys, rq.getInt(Command.PRIORITY, 0)))) {
            Iterator<Attributes> it = stream.iterator();
            while (it.hasNext()) {
                if (cancelled.get()) {
                    respond(a, pc, rq, DimseStatus.CANCEL, null, null);
                    return;
                }
                Attributes match = it.next();
                Command pending = Command.response(rq, DimseStatus.PENDING, true);
                a.send(pc, pending, new ByteArrayInputStream(Identifiers.write(match, pc.transferSyntax())));
                matches++;
            }
        } catch (DimseException e) {
            LOG.info("{}: C-FIND answered {}: {}", a.label(), DimseStatus.toString(e.status()), e.getMessage());
            respond(a, pc, rq, e.status(), e.getMessage(), null);
            return;
        }
        respond(a, pc, rq, cancelled.get() ? DimseStatus.CANCEL : DimseStatus.SUCCESS, null, null);
        LOG.debug("{}: C-FIND returned {} matches", a.label(), matches);
    }

    // ------------------------------------------------------------------ C-MOVE / C-GET

    private void retrieve(AssociationImpl a, PresentationContext pc, Command rq, Attributes keys, AtomicBoolean cancelled,
            boolean get) throws IOException {
        String cuid = rq.getString(Command.AFFECTED_SOP_CLASS_UID);
        String destination = get ? null : rq.getString(Command.MOVE_DESTINATION);
        RemoteAe remote = null;
        if (!get) {
            Optional<RemoteAe> r = destination == null ? Optional.empty() : resolver.resolve(destination);
            if (r.isEmpty()) {
                LOG.info("{}: C-MOVE destination {} unknown", a.label(), destination);
                respond(a, pc, rq, DimseStatus.REFUSED_MOVE_DESTINATION_UNKNOWN, "unknown move destination " + destination, null);
                return;
            }
            remote = r.get();
        }
        List<RetrievableInstance> instances;
        try {
            instances = retrieveProvider.locate(new RetrieveRequest(a, cuid, keys, rq.getInt(Command.PRIORITY, 0), destination));
        } catch (DimseException e) {
            respond(a, pc, rq, e.status(), e.getMessage(), null);
            return;
        }
        Counts n = new Counts(instances.size());
        if (instances.isEmpty()) {
            respond(a, pc, rq, DimseStatus.SUCCESS, null, n);
            return;
        }
        if (get) {
            subOperations(a, pc, rq, instances, n, cancelled, null, a);
        } else {
            ScuAssociation out;
            try {
                out = moveClient.connect(remote, subOperationRequest(a.calledAeTitle(), destination, instances));
            } catch (IOException e) {
                LOG.warn("{}: cannot open association to move destination {}: {}", a.label(), destination, e.getMessage());
                respond(a, pc, rq, DimseStatus.REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS,
                        "cannot reach move destination: " + e.getMessage(), n);
                return;
            }
            try (out) {
                subOperations(a, pc, rq, instances, n, cancelled, out, null);
            }
        }
    }

    /** Sends each instance as a C-STORE (to the move destination, or back on the C-GET association). */
    private void subOperations(AssociationImpl a, PresentationContext pc, Command rq, List<RetrievableInstance> instances,
            Counts n, AtomicBoolean cancelled, ScuAssociation moveOut, AssociationImpl getOut) throws IOException {
        String originator = a.callingAeTitle();
        List<String> failedUids = new ArrayList<>();
        for (RetrievableInstance inst : instances) {
            if (cancelled.get()) {
                respond(a, pc, rq, DimseStatus.CANCEL, null, n, failedUids);
                return;
            }
            n.remaining--;
            int status;
            try {
                status = getOut == null ? storeOnMove(moveOut, inst, originator, rq.messageId())
                        : storeOnGet(getOut, inst);
            } catch (DimseException e) {
                status = e.status();
                LOG.info("{}: sub-operation for {} failed: {}", a.label(), inst.sopInstanceUid(), e.getMessage());
            } catch (IOException e) {
                if (getOut != null && !getOut.isOpen()) {
                    throw e;
                }
                status = DimseStatus.UNABLE_TO_PROCESS;
                LOG.info("{}: sub-operation for {} failed: {}", a.label(), inst.sopInstanceUid(), e.getMessage());
            }
            switch (DimseStatus.category(status)) {
                case SUCCESS -> n.completed++;
                case WARNING -> n.warning++;
                default -> {
                    n.failed++;
                    failedUids.add(inst.sopInstanceUid());
                }
            }
            if (n.remaining > 0) {
                Command pending = Command.response(rq, DimseStatus.PENDING, false);
                n.put(pending, true);
                a.send(pc, pending, null);
            }
        }
        int status = n.failed == 0 && n.warning == 0 ? DimseStatus.SUCCESS
                : n.completed == 0 && n.warning == 0 ? DimseStatus.REFUSED_OUT_OF_RESOURCES_SUBOPERATIONS
                : DimseStatus.WARNING_SUBOPERATIONS;
        respond(a, pc, rq, status, null, n, failedUids);
    }

    private int storeOnMove(ScuAssociation out, RetrievableInstance inst, String originator, int moveMessageId)
            throws IOException {
        PresentationContext ctx = out.selectContextForSending(inst.sopClassUid(), inst.transferSyntaxUid());
        try (InputStream in = inst.openDataset()) {
            return out.storeAsync(ctx, inst.sopClassUid(), inst.sopInstanceUid(), inst.transferSyntaxUid(), in, 0,
                    originator, moveMessageId).get().status();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private int storeOnGet(AssociationImpl a, RetrievableInstance inst) throws IOException {
        RoleSelection role = a.requestPdu().roleSelection(inst.sopClassUid());
        if (role == null || !role.scp()) {
            throw new DimseException(DimseStatus.UNABLE_TO_PROCESS, "no SCP role selection for " + inst.sopClassUid());
        }
        PresentationContext ctx;
        try {
            ctx = DatasetSource.contextForSending(a, inst.sopClassUid(), inst.transferSyntaxUid());
        } catch (org.xnat.dicom.net.NoPresentationContextException e) {
            throw new DimseException(DimseStatus.UNABLE_TO_PROCESS, e.getMessage());
        }
        Command store = Command.request(Command.C_STORE_RQ, 0, inst.sopClassUid(), true);
        store.putUS(Command.PRIORITY, 0);
        store.putUid(Command.AFFECTED_SOP_INSTANCE_UID, inst.sopInstanceUid());
        ResponseCollector c = new ResponseCollector();
        try (InputStream in = inst.openDataset()) {
            a.invokeWith(ctx, store, DatasetSource.writer(in, inst.transferSyntaxUid(), ctx.transferSyntax()), c);
        }
        DimseResponse r = c.await(a, "C-STORE");
        return r.status();
    }

    /** Proposes each (SOP class, transfer syntax) pair of the instances for the move destination. */
    static AssociationRequest subOperationRequest(String callingAe, String calledAe, List<RetrievableInstance> instances) {
        AssociationRequest.Builder b = AssociationRequest.builder(callingAe, calledAe);
        Set<String> pairs = new LinkedHashSet<>();
        for (RetrievableInstance i : instances) {
            if (pairs.add(i.sopClassUid() + '|' + i.transferSyntaxUid())
                    && b.presentationContextCount() < AssociationRequest.MAX_PRESENTATION_CONTEXTS) {
                List<String> ts = new ArrayList<>(List.of(i.transferSyntaxUid()));
                // uncompressed data can be converted if the destination prefers another uncompressed syntax
                for (String alt : List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2")) {
                    if (!ts.contains(alt) && DatasetSource.canConvert(i.transferSyntaxUid(), alt)) {
                        ts.add(alt);
                    }
                }
                b.addPresentationContext(i.sopClassUid(), ts);
            }
        }
        return b.build();
    }

    // ------------------------------------------------------------------ responses

    private static void respond(AssociationImpl a, PresentationContext pc, Command rq, int status, String comment, Counts n)
            throws IOException {
        respond(a, pc, rq, status, comment, n, List.of());
    }

    private static void respond(AssociationImpl a, PresentationContext pc, Command rq, int status, String comment, Counts n,
            List<String> failedUids) throws IOException {
        boolean withIdentifier = !failedUids.isEmpty();
        Command rsp = Command.response(rq, status, withIdentifier);
        Responses.withStatus(rsp, status, comment);
        if (n != null) {
            n.put(rsp, status == DimseStatus.CANCEL);
        }
        byte[] identifier = null;
        if (withIdentifier) {
            Attributes ds = new Attributes();
            ds.setString(Tag.FailedSOPInstanceUIDList, VR.UI, failedUids.toArray(String[]::new));
            identifier = Identifiers.write(ds, pc.transferSyntax());
        }
        a.send(pc, rsp, identifier == null ? null : new ByteArrayInputStream(identifier));
    }

    private static void respondQuietly(AssociationImpl a, PresentationContext pc, Command rq, int status, String comment,
            Counts n) {
        try {
            respond(a, pc, rq, status, comment, n);
        } catch (IOException e) {
            LOG.debug("{}: could not send response: {}", a.label(), e.toString());
        }
    }

    /** Sub-operation counters (PS3.7 9.1.3/9.1.4). */
    private static final class Counts {
        int remaining;
        int completed;
        int failed;
        int warning;

        Counts(int total) {
            this.remaining = total;
        }

        void put(Command c, boolean withRemaining) {
            if (withRemaining) {
                c.putUS(Command.REMAINING_SUBOPERATIONS, remaining);
            }
            c.putUS(Command.COMPLETED_SUBOPERATIONS, completed);
            c.putUS(Command.FAILED_SUBOPERATIONS, failed);
            c.putUS(Command.WARNING_SUBOPERATIONS, warning);
        }
    }
}

package org.xnat.dicom.net.internal.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseException;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.IncomingStore;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.StorageSink;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;

/** Performs an incoming C-STORE: streams the data set into a sink, then answers with its status. */
public final class StoreHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHandler.class);

    private StoreHandler() {
    }

    public static void handle(AssociationImpl a, PresentationContext pc, Command rq, InputStream dataset, StorageSink sink)
            throws IOException {
        String cuid = rq.getString(Command.AFFECTED_SOP_CLASS_UID);
        String iuid = rq.getString(Command.AFFECTED_SOP_INSTANCE_UID);
        int status;
        String comment = null;
        if (dataset == null) {
            status = DimseStatus.MISTYPED_ARGUMENT;
            comment = "C-STORE-RQ without data set";
        } else if (cuid == null || iuid == null || cuid.isEmpty() || iuid.isEmpty()) {
            status = DimseStatus.MISTYPED_ARGUMENT;
            comment = "missing Affected SOP Class/Instance UID";
        } else if (!cuid.equals(pc.abstractSyntax())) {
            status = DimseStatus.SOP_CLASS_NOT_SUPPORTED;
            comment = "SOP class differs from the presentation context's abstract syntax";
        } else if (sink == null) {
            status = DimseStatus.SOP_CLASS_NOT_SUPPORTED;
            comment = "no storage service here";
        } else {
            Incoming in = new Incoming(a, rq, cuid, iuid, pc.transferSyntax());
            try {
                status = sink.store(in, dataset);
            } catch (DimseException e) {
                status = e.status();
                comment = e.getMessage();
                LOG.warn("{}: C-STORE {} refused with {}: {}", a.label(), iuid, DimseStatus.toString(status), comment);
            } catch (DicomNetworkException e) {
                throw e;
            } catch (IOException e) {
                if (!a.isOpen()) {
                    throw e;
                }
                status = DimseStatus.REFUSED_OUT_OF_RESOURCES;
                comment = "storage failed: " + e.getMessage();
                LOG.warn("{}: C-STORE {} failed: {}", a.label(), iuid, e.toString());
            } catch (RuntimeException e) {
                status = DimseStatus.PROCESSING_FAILURE;
                comment = "storage failed: " + e;
                LOG.error("{}: storage sink failed for {}", a.label(), iuid, e);
            }
        }
        if (!a.isOpen()) {
            return;
        }
        if (dataset != null && status != DimseStatus.MISTYPED_ARGUMENT) {
            // The whole data set must be consumed before the response goes out.
            dataset.transferTo(OutputStreamSink.NULL);
        }
        Command rsp = Command.response(rq, status, false);
        Responses.withStatus(rsp, status, comment);
        a.send(pc, rsp, null);
    }

    /** Discards bytes. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink NULL = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private record Incoming(AssociationImpl association, Command rq, String sopClassUid, String sopInstanceUid,
            String transferSyntaxUid) implements IncomingStore {

        @Override
        public int messageId() {
            return rq.messageId();
        }

        @Override
        public int priority() {
            return rq.getInt(Command.PRIORITY, 0);
        }

        @Override
        public Optional<String> moveOriginatorAeTitle() {
            String ae = rq.getString(Command.MOVE_ORIGINATOR_AE_TITLE);
            return ae == null || ae.isEmpty() ? Optional.empty() : Optional.of(ae);
        }

        @Override
        public int moveOriginatorMessageId() {
            return rq.getInt(Command.MOVE_ORIGINATOR_MESSAGE_ID, -1);
        }
    }
}

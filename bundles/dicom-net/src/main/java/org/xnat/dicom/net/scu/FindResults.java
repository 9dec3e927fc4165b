package org.xnat.dicom.net.scu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.xnat.dicom.data.Attributes;
import org.xnat.dicom.net.DicomNetworkException;
import org.xnat.dicom.net.DimseResponse;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.internal.assoc.AssociationImpl;
import org.xnat.dicom.net.internal.dimse.Command;
import org.xnat.dicom.net.internal.dimse.Identifiers;
import org.xnat.dicom.net.internal.dimse.ResponseCollector;

/**
 * The matches of a running C-FIND, in arrival order. {@link #hasNext()} blocks (bounded by the
 * response timeout) until the next pending response or the final one. {@link #cancel()} sends
 * C-CANCEL; {@link #close()} cancels if still running. Iteration errors surface as
 * {@link UncheckedIOException}.
 *
 * <pre>{@code try (FindResults r = as.find(UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
 *     while (r.hasNext()) { Attributes match = r.next(); ... }
 *     DimseResponse last = r.finalResponse();
 * }}</pre>
 */
public final class FindResults implements Iterator<Attributes>, AutoCloseable {
    private static final Object END = new Object();
    /** Matches buffered ahead of the consumer; beyond this the reader thread waits (TCP back-pressure). */
    private static final int BUFFER = 256;

    private final AssociationImpl association;
    private final PresentationContext pc;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(BUFFER);
    private final Collector collector = new Collector();
    private int messageId;
    private Object next;
    private boolean cancelled;

    FindResults(AssociationImpl association, PresentationContext pc) {
        this.association = association;
        this.pc = pc;
    }

    AssociationImpl.ResponseHandler handler() {
        return collector;
    }

    void started(int messageId) {
        this.messageId = messageId;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = take();
        }
        if (next instanceof IOException e) {
            throw new UncheckedIOException(e);
        }
        return next != END;
    }

    @Override
    public Attributes next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Attributes a = (Attributes) next;
        next = null;
        return a;
    }

    private Object take() {
        long timeout = association.options().responseTimeout().toMillis();
        try {
            Object o = queue.poll(timeout, TimeUnit.MILLISECONDS);
            if (o == null) {
                association.abort();
                return new DicomNetworkException(association.label() + ": no C-FIND response within " + timeout + " ms; aborted");
            }
            if (o == END) {
                // keep returning END
                queue.offer(END);
            }
            return o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DicomNetworkException("interrupted");
        }
    }

    /** The final response, waiting for it (after {@link #cancel()} this is usually status FE00). */
    public DimseResponse finalResponse() throws IOException {
        return collector.await(association, "C-FIND");
    }

    /** Sends C-CANCEL-RQ; matches already in flight are still delivered. */
    public void cancel() throws IOException {
        if (cancelled || collector.result().isDone()) {
            return;
        }
        cancelled = true;
        Command c = new Command();
        c.putUS(Command.COMMAND_FIELD, Command.C_CANCEL_RQ);
        c.putUS(Command.MESSAGE_ID_BEING_RESPONDED_TO, messageId);
        c.putUS(Command.COMMAND_DATA_SET_TYPE, Command.NO_DATA_SET);
        association.send(pc, c, null);
    }

    @Override
    public void close() throws IOException {
        if (!collector.result().isDone()) {
            cancel();
            // drain so the reader thread is never stuck on a full buffer
            while (!collector.result().isDone() && association.isOpen()) {
                queue.poll();
                try {
                    collector.result().get(50, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // keep draining until done or closed
                }
            }
        }
    }

    private final class Collector extends ResponseCollector {
        @Override
        protected void onPending(DimseResponse response, InputStream dataset) throws IOException {
            if (dataset == null) {
                return;
            }
            Attributes match = Identifiers.read(dataset, pc.transferSyntax(), association.options().maxIdentifierLength());
            put(match);
        }

        @Override
        protected void onFinal(DimseResponse response, InputStream dataset) {
            put(END);
        }

        @Override
        public void onFailure(IOException cause) {
            super.onFailure(cause);
            queue.clear();
            queue.offer(cause);
        }

        private void put(Object o) {
            try {
                long timeout = association.options().responseTimeout().toMillis();
                if (!queue.offer(o, timeout, TimeUnit.MILLISECONDS)) {
                    // the consumer stopped reading without closing: do not hold the reader thread forever
                    association.abort();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

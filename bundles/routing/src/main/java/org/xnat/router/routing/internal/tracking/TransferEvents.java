package org.xnat.router.routing.internal.tracking;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnat.router.api.transfer.TransferEvent;
import org.xnat.router.api.transfer.TransferListener;

/** Fans recorded transfer events out to the {@link TransferListener} services; a failing listener is logged. */
public final class TransferEvents {

    private static final Logger LOG = LoggerFactory.getLogger(TransferEvents.class);

    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();

    public void add(TransferListener l) {
        listeners.add(l);
    }

    public void remove(TransferListener l) {
        listeners.remove(l);
    }

    public void fire(List<TransferEvent> events) {
        for (TransferEvent e : events) {
            for (TransferListener l : listeners) {
                try {
                    l.onTransferEvent(e);
                } catch (RuntimeException ex) {
                    LOG.warn("Transfer listener {} failed on {}: {}", l.getClass().getName(), e, ex.toString());
                }
            }
        }
    }
}

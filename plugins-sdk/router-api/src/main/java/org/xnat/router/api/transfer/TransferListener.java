package org.xnat.router.api.transfer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives transfer events, registered as an OSGi service (whiteboard). Called on the router's
 * own threads after the state is recorded durably: a listener must return quickly and must not
 * throw (exceptions are logged and ignored).
 */
@ConsumerType
public interface TransferListener {

    /** One change of one transfer, already recorded. */
    void onTransferEvent(TransferEvent event);
}

package org.xnat.router.api.destination;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A batch of instances of one study for one destination, as taken from the delivery queue.
 * The instances are already processed (tag scripts, de-identification) for this destination.
 */
@ProviderType
public interface Delivery {

    /** The transfer this delivery belongs to, for logs and tracking. */
    long transferId();

    /** Study Instance UID as it is sent (after any processing). */
    String studyInstanceUid();

    /** AE title of the route the study came in through. */
    String routeAeTitle();

    /** Calling AE title of the sender, if the study came in over the network. */
    String callingAeTitle();

    /**
     * Per route-destination settings that a destination type may use, e.g. {@code project_id},
     * {@code subject_prefix}, {@code session_prefix}, {@code auto_archive} for XNAT.
     */
    Map<String, Object> options();

    /** The instances to send, in a stable order. */
    List<DeliveryInstance> instances();

    /** Reports progress, so the transfer page shows it live. Safe to call from any thread. */
    void progress(int instancesDone, long bytesDone);

    /**
     * Records the remote side's answer for one instance, where the protocol gives one per
     * instance (DIMSE does; a study upload does not). Safe to call from any thread.
     */
    void instanceResult(InstanceResult result);
}

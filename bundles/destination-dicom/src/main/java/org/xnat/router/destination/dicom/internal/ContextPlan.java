package org.xnat.router.destination.dicom.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.xnat.dicom.dict.TransferSyntax;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;

/**
 * The presentation contexts proposed for a set of (SOP class, transfer syntax) pairs.
 *
 * <p>Every transfer syntax an instance is in gets a context of its own holding only that syntax, and every SOP
 * class one more context offering the two uncompressed little endian syntaxes (Explicit, then Implicit VR:
 * every SCP must accept Implicit VR LE, PS3.5 10.1) as the fallback into which the toolkit converts any
 * uncompressed data set. Separate contexts, because an acceptor picks one syntax per context by its own
 * preference: in a single list with the uncompressed ones, a peer that supports the instance's own syntax might
 * still choose another, and the instance would then be converted needlessly, or, when compressed, could not be
 * sent at all (the router does not decompress).
 */
final class ContextPlan {

    /** The uncompressed fallback of every SOP class, in preference order. */
    static final List<String> UNCOMPRESSED = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

    private final Set<SendKey> keys;

    /** One (SOP class, transfer syntax) pair that instances of a delivery have. */
    record SendKey(String sopClassUid, String transferSyntaxUid) {
    }

    ContextPlan(Collection<SendKey> keys) {
        this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    Set<SendKey> keys() {
        return keys;
    }

    /** True when every pair of {@code needed} was proposed by this plan. */
    boolean covers(Collection<SendKey> needed) {
        return keys.containsAll(needed);
    }

    /** How many presentation contexts the pairs need (with the one for Verification). */
    static int contextCount(Collection<SendKey> keys) {
        return contexts(keys).size() + 1;
    }

    /**
     * The association request proposing these pairs (at most {@link AssociationRequest#MAX_PRESENTATION_CONTEXTS}
     * contexts), and Verification, so that the health check can use an idle pooled association.
     */
    AssociationRequest request(String callingAeTitle, String calledAeTitle) {
        AssociationRequest.Builder b = AssociationRequest.builder(callingAeTitle, calledAeTitle);
        b.addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian);
        for (Map.Entry<String, List<String>> pc : contexts(keys)) {
            b.addPresentationContext(pc.getKey(), pc.getValue());
        }
        return b.build();
    }

    /**
     * Grows {@code needed} with pairs of earlier deliveries (most recent first) while the contexts still fit in
     * one association, so that a pooled association serves the next deliveries too.
     */
    static ContextPlan withRecent(Collection<SendKey> needed, List<SendKey> recentNewestFirst) {
        List<SendKey> all = new ArrayList<>(new LinkedHashSet<>(needed));
        for (SendKey k : recentNewestFirst) {
            if (all.contains(k)) {
                continue;
            }
            all.add(k);
            if (contextCount(all) > AssociationRequest.MAX_PRESENTATION_CONTEXTS) {
                all.remove(all.size() - 1);
            }
        }
        return new ContextPlan(all);
    }

    private static List<Map.Entry<String, List<String>>> contexts(Collection<SendKey> keys) {
        Map<String, List<List<String>>> bySopClass = new LinkedHashMap<>();
        for (SendKey k : keys) {
            List<List<String>> lists = bySopClass.computeIfAbsent(k.sopClassUid(), c -> {
                List<List<String>> l = new ArrayList<>();
                l.add(UNCOMPRESSED);
                return l;
            });
            if (!lists.contains(List.of(k.transferSyntaxUid()))) {
                // the instance's own syntax before the fallback, so it is found first when both are accepted
                lists.add(lists.size() - 1, List.of(k.transferSyntaxUid()));
            }
        }
        List<Map.Entry<String, List<String>>> out = new ArrayList<>();
        bySopClass.forEach((cuid, lists) -> lists.forEach(ts -> out.add(Map.entry(cuid, ts))));
        return out;
    }

    /** True when the toolkit can convert a data set in this syntax into one of {@link #UNCOMPRESSED}. */
    static boolean convertible(String transferSyntaxUid) {
        return TransferSyntax.forUid(transferSyntaxUid).isUncompressed();
    }
}

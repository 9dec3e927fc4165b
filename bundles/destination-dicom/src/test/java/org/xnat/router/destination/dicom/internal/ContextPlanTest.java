package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.router.destination.dicom.internal.ContextPlan.SendKey;

class ContextPlanTest {

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    static final String J2K = "1.2.840.10008.1.2.4.91";

    @Test
    void everySyntaxAloneThenTheUncompressedFallbackPerSopClass() {
        ContextPlan plan = new ContextPlan(List.of(new SendKey(CT, UID.ExplicitVRLittleEndian), new SendKey(SC, J2K),
                new SendKey(CT, UID.ImplicitVRLittleEndian)));
        AssociationRequest rq = plan.request("US", "THEM");
        assertThat(rq.presentationContexts()).extracting(PresentationContext::abstractSyntax, PresentationContext::transferSyntaxes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(UID.Verification, List.of(UID.ImplicitVRLittleEndian)),
                        org.assertj.core.groups.Tuple.tuple(CT, List.of(UID.ExplicitVRLittleEndian)),
                        org.assertj.core.groups.Tuple.tuple(CT, List.of(UID.ImplicitVRLittleEndian)),
                        org.assertj.core.groups.Tuple.tuple(CT, List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)),
                        org.assertj.core.groups.Tuple.tuple(SC, List.of(J2K)),
                        org.assertj.core.groups.Tuple.tuple(SC, List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)));
        assertThat(ContextPlan.contextCount(plan.keys())).isEqualTo(6);
        assertThat(plan.covers(List.of(new SendKey(SC, J2K)))).isTrue();
        assertThat(plan.covers(List.of(new SendKey(SC, UID.ExplicitVRLittleEndian)))).isFalse();
    }

    @Test
    void recentPairsAreAddedOnlyWhileTheyFitInOneAssociation() {
        List<SendKey> recent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            recent.add(new SendKey("1.2.3." + i, UID.ExplicitVRLittleEndian));
        }
        List<SendKey> needed = List.of(new SendKey(CT, UID.ExplicitVRLittleEndian), new SendKey(SC, J2K));
        ContextPlan plan = ContextPlan.withRecent(needed, recent);
        assertThat(plan.covers(needed)).isTrue();
        int count = ContextPlan.contextCount(plan.keys());
        assertThat(count).isLessThanOrEqualTo(AssociationRequest.MAX_PRESENTATION_CONTEXTS).isGreaterThan(120);
        assertThat(plan.request("US", "THEM").presentationContexts()).hasSize(count);
        // the newest recent pairs are the ones kept
        assertThat(plan.keys()).contains(recent.get(0)).doesNotContain(recent.get(99));
    }
}

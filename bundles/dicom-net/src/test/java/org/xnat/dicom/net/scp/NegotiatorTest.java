package org.xnat.dicom.net.scp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.internal.pdu.AssociatePdu;

class NegotiatorTest {

    private static AssociatePdu rq(String called, PresentationContext... pcs) {
        AssociatePdu a = new AssociatePdu();
        a.callingAeTitle = "SCU";
        a.calledAeTitle = called;
        a.presentationContexts.addAll(List.of(pcs));
        return a;
    }

    private static PresentationContext pc(int id, String as, String... ts) {
        return PresentationContext.proposed(id, as, List.of(ts));
    }

    @Test
    void transferSyntaxSelection() throws Exception {
        Negotiator n = new Negotiator(ScpConfig.builder().build(), false, false, false, null, () -> false);
        AssociatePdu ac = n.negotiate(rq("ANY",
                pc(1, UID.CTImageStorage, UID.JPEGBaseline8Bit, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                pc(3, UID.CTImageStorage, UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian),
                pc(5, UID.CTImageStorage, UID.ImplicitVRLittleEndian),
                pc(7, "1.2.3.4.5.6", UID.ImplicitVRLittleEndian),
                pc(9, UID.CTImageStorage, "1.2.3.999"),
                pc(11, UID.Verification, UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian),
                pc(13, UID.MRImageStorage, UID.ExplicitVRLittleEndian, UID.JPEG2000Lossless)), null);
        List<PresentationContext> r = ac.presentationContexts;
        assertThat(r.get(0)).isEqualTo(PresentationContext.accepted(1, UID.CTImageStorage, UID.JPEGBaseline8Bit));
        assertThat(r.get(1).transferSyntax()).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(r.get(2).transferSyntax()).isEqualTo(UID.ImplicitVRLittleEndian);
        assertThat(r.get(3).result()).isEqualTo(PresentationContext.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        assertThat(r.get(4).result()).isEqualTo(PresentationContext.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED);
        assertThat(r.get(5).transferSyntax()).isEqualTo(UID.ImplicitVRLittleEndian);
        assertThat(r.get(6).transferSyntax()).isEqualTo(UID.ExplicitVRLittleEndian);
    }

    @Test
    void configuredSyntaxesAndQueryRetrieveModels() throws Exception {
        Negotiator n = new Negotiator(ScpConfig.builder().sopClasses(java.util.Set.of(UID.CTImageStorage))
                .transferSyntaxes(List.of(UID.ImplicitVRLittleEndian)).build(), true, true, true, null, () -> false);
        AssociatePdu ac = n.negotiate(rq("X", pc(1, UID.CTImageStorage, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian),
                pc(3, UID.MRImageStorage, UID.ImplicitVRLittleEndian)), null);
        assertThat(ac.presentationContexts.get(0).transferSyntax()).isEqualTo(UID.ImplicitVRLittleEndian);
        assertThat(ac.presentationContexts.get(1).isAccepted()).isFalse();

        Negotiator qr = new Negotiator(ScpConfig.builder().build(), true, false, true, null, () -> false);
        AssociatePdu rq = rq("X", pc(1, UID.StudyRootQueryRetrieveInformationModelFind, UID.ImplicitVRLittleEndian),
                pc(3, UID.StudyRootQueryRetrieveInformationModelMove, UID.ImplicitVRLittleEndian),
                pc(5, UID.StudyRootQueryRetrieveInformationModelGet, UID.ImplicitVRLittleEndian),
                pc(7, UID.CTImageStorage, UID.ImplicitVRLittleEndian));
        rq.roleSelections.add(new RoleSelection(UID.CTImageStorage, true, true));
        rq.roleSelections.add(new RoleSelection(UID.MRImageStorage, false, true));
        rq.maxOperationsInvoked = 10;
        rq.maxOperationsPerformed = 0;
        AssociatePdu ac2 = new Negotiator(ScpConfig.builder()
                .options(ConnectionOptions.builder().asyncOperationsWindow(3, 5).build()).build(), true, false, true, null, () -> false)
                .negotiate(rq, null);
        assertThat(ac2.presentationContexts).extracting(PresentationContext::isAccepted).containsExactly(true, false, true, true);
        // role answered only for classes with an accepted context
        assertThat(ac2.roleSelections).containsExactly(new RoleSelection(UID.CTImageStorage, true, true));
        assertThat(ac2.maxOperationsInvoked).isEqualTo(3);
        assertThat(ac2.maxOperationsPerformed).isEqualTo(5);
    }

    @Test
    void rejections() {
        Negotiator n = new Negotiator(ScpConfig.builder().aeTitles("ROUTER").acceptedCallingAeTitles("GOOD").build(),
                false, false, false, null, () -> false);
        AssociatePdu wrongCalled = rq("OTHER", pc(1, UID.Verification, UID.ImplicitVRLittleEndian));
        wrongCalled.callingAeTitle = "GOOD";
        assertThatThrownBy(() -> n.negotiate(wrongCalled, null)).isInstanceOfSatisfying(AssociationRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(AssociationRejectedException.REASON_CALLED_AE_NOT_RECOGNIZED));
        AssociatePdu wrongCalling = rq("ROUTER", pc(1, UID.Verification, UID.ImplicitVRLittleEndian));
        assertThatThrownBy(() -> n.negotiate(wrongCalling, null)).isInstanceOfSatisfying(AssociationRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(AssociationRejectedException.REASON_CALLING_AE_NOT_RECOGNIZED));
        Negotiator full = new Negotiator(ScpConfig.builder().build(), false, false, false, null, () -> true);
        assertThatThrownBy(() -> full.negotiate(rq("X", pc(1, UID.Verification, UID.ImplicitVRLittleEndian)), null))
                .isInstanceOfSatisfying(AssociationRejectedException.class, e -> {
                    assertThat(e.result()).isEqualTo(AssociationRejectedException.RESULT_TRANSIENT);
                    assertThat(e.reason()).isEqualTo(AssociationRejectedException.REASON_LOCAL_LIMIT_EXCEEDED);
                });
    }
}

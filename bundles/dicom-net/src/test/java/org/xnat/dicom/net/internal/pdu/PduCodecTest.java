package org.xnat.dicom.net.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xnat.dicom.net.PduFormatException;
import org.xnat.dicom.net.PresentationContext;
import org.xnat.dicom.net.RoleSelection;
import org.xnat.dicom.net.UserIdentity;

class PduCodecTest {

    static AssociatePdu sampleRq() {
        AssociatePdu a = new AssociatePdu();
        a.callingAeTitle = "CALLING";
        a.calledAeTitle = "CALLED";
        a.presentationContexts.add(PresentationContext.proposed(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
        a.presentationContexts.add(PresentationContext.proposed(3, "1.2.840.10008.5.1.4.1.1.2",
                List.of("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.1")));
        a.maxPduLength = 16384;
        a.implementationClassUid = "1.2.3.4";
        a.implementationVersionName = "TEST_1";
        a.maxOperationsInvoked = 5;
        a.maxOperationsPerformed = 0;
        a.roleSelections.add(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true));
        a.extendedNegotiation.put("1.2.840.10008.5.1.4.1.2.2.1", new byte[] {1, 1});
        a.userIdentity = UserIdentity.usernamePasscode("bob", "pw".toCharArray(), true);
        return a;
    }

    @Test
    void associateRequestRoundTrip() throws Exception {
        AssociatePdu a = sampleRq();
        byte[] pdu = PduCodec.encodeAssociate(PduType.A_ASSOCIATE_RQ, a);
        assertThat(pdu[0]).isEqualTo((byte) 1);
        // AE titles are space padded to 16 bytes at fixed offsets (PS3.8 Table 9-11)
        assertThat(new String(pdu, 10, 16)).isEqualTo("CALLED          ");
        assertThat(new String(pdu, 26, 16)).isEqualTo("CALLING         ");
        AssociatePdu b = PduCodec.decodeAssociate(PduType.A_ASSOCIATE_RQ, Arrays.copyOfRange(pdu, 6, pdu.length), pdu.length - 6);
        assertThat(b.callingAeTitle).isEqualTo("CALLING");
        assertThat(b.calledAeTitle).isEqualTo("CALLED");
        assertThat(b.presentationContexts).isEqualTo(a.presentationContexts);
        assertThat(b.maxPduLength).isEqualTo(16384);
        assertThat(b.implementationClassUid).isEqualTo("1.2.3.4");
        assertThat(b.implementationVersionName).isEqualTo("TEST_1");
        assertThat(b.maxOperationsInvoked).isEqualTo(5);
        assertThat(b.maxOperationsPerformed).isZero();
        assertThat(b.roleSelections).containsExactly(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true));
        assertThat(b.extendedNegotiation.get("1.2.840.10008.5.1.4.1.2.2.1")).containsExactly(1, 1);
        assertThat(b.userIdentity).isEqualTo(a.userIdentity);
        assertThat(b.userIdentity.toString()).doesNotContain("pw");
    }

    @Test
    void associateAcceptRoundTrip() throws Exception {
        AssociatePdu a = new AssociatePdu();
        a.callingAeTitle = "A";
        a.calledAeTitle = "B";
        a.presentationContexts.add(PresentationContext.accepted(1, null, "1.2.840.10008.1.2"));
        a.presentationContexts.add(PresentationContext.rejected(3, null, PresentationContext.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED));
        a.maxPduLength = 0;
        a.implementationClassUid = "1.2";
        a.userIdentityServerResponse = new byte[] {42};
        byte[] pdu = PduCodec.encodeAssociate(PduType.A_ASSOCIATE_AC, a);
        AssociatePdu b = PduCodec.decodeAssociate(PduType.A_ASSOCIATE_AC, Arrays.copyOfRange(pdu, 6, pdu.length), pdu.length - 6);
        assertThat(b.presentationContexts).containsExactlyElementsOf(a.presentationContexts);
        assertThat(b.userIdentityServerResponse).containsExactly(42);
        assertThat(b.maxOperationsInvoked).isNull();
    }

    @Test
    void smallPdus() throws Exception {
        byte[] rj = PduCodec.encodeReject(1, 1, 7);
        assertThat(rj).containsExactly(3, 0, 0, 0, 0, 4, 0, 1, 1, 7);
        assertThat(PduCodec.decodeReject(Arrays.copyOfRange(rj, 6, 10), 4)).containsExactly(1, 1, 7);
        assertThat(PduCodec.encodeReleaseRq()).containsExactly(5, 0, 0, 0, 0, 4, 0, 0, 0, 0);
        assertThat(PduCodec.encodeReleaseRp()).containsExactly(6, 0, 0, 0, 0, 4, 0, 0, 0, 0);
        byte[] ab = PduCodec.encodeAbort(2, 6);
        assertThat(PduCodec.decodeAbort(Arrays.copyOfRange(ab, 6, 10), 4)).containsExactly(2, 6);
        assertThatThrownBy(() -> PduCodec.decodeAbort(new byte[5], 5)).isInstanceOf(PduFormatException.class);
    }

    @Test
    void malformedAssociateItemsAreRejected() {
        AssociatePdu a = sampleRq();
        byte[] pdu = PduCodec.encodeAssociate(PduType.A_ASSOCIATE_RQ, a);
        byte[] body = Arrays.copyOfRange(pdu, 6, pdu.length);
        // item length beyond the PDU
        byte[] bad = body.clone();
        bad[68 + 2] = (byte) 0xFF;
        bad[68 + 3] = (byte) 0xFF;
        assertThatThrownBy(() -> PduCodec.decodeAssociate(PduType.A_ASSOCIATE_RQ, bad, bad.length))
                .isInstanceOf(PduFormatException.class).hasMessageContaining("exceeds");
        // truncated
        assertThatThrownBy(() -> PduCodec.decodeAssociate(PduType.A_ASSOCIATE_RQ, body, 50)).isInstanceOf(PduFormatException.class);
        // even presentation context ID
        assertThatThrownBy(() -> PresentationContext.proposed(2, "1.2", List.of("1.2"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readerCapsHostileLengths() {
        // P-DATA-TF announcing 2 GB: refused from the header alone, nothing allocated
        byte[] hostile = {4, 0, (byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        PduReader r = new PduReader(new ByteArrayInputStream(hostile));
        assertThatThrownBy(() -> r.next(16384)).isInstanceOf(PduFormatException.class).hasMessageContaining("exceeds the maximum");
        byte[] unknown = {9, 0, 0, 0, 0, 4, 0, 0, 0, 0};
        assertThatThrownBy(() -> new PduReader(new ByteArrayInputStream(unknown)).next(16384))
                .isInstanceOfSatisfying(PduFormatException.class, e -> assertThat(e.abortReason()).isEqualTo(PduFormatException.UNRECOGNIZED_PDU));
        byte[] rq = {1, 0, 0, 0x10, 0, 1};
        assertThatThrownBy(() -> new PduReader(new ByteArrayInputStream(rq)).next(16384))
                .isInstanceOf(PduFormatException.class);
    }

    @Test
    void fragmentationRespectsPeerMaximumAndEvenLengths() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PduWriter w = new PduWriter(out, 1001, 1 << 20); // odd maximum: data per PDV must stay even
        byte[] data = new byte[10_001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (OutputStream ds = w.datasetOutput(7)) {
            ds.write(data, 0, 3000);
            ds.write(data, 3000, data.length - 3000);
        }
        PduReader r = new PduReader(new ByteArrayInputStream(out.toByteArray()));
        PDataParser p = new PDataParser();
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        int pdus = 0;
        boolean last = false;
        while (!last) {
            assertThat(r.next(1001)).isEqualTo(PduType.P_DATA_TF);
            assertThat(r.length()).isLessThanOrEqualTo(1001);
            pdus++;
            p.reset(r.body(), r.length());
            while (p.hasNext()) {
                p.next();
                assertThat(p.presentationContextId()).isEqualTo(7);
                assertThat(p.isCommand()).isFalse();
                assertThat(p.dataLength() % 2).isZero();
                back.write(p.data(), p.dataOffset(), p.dataLength());
                last = p.isLast();
            }
        }
        byte[] expected = Arrays.copyOf(data, data.length + 1); // odd total padded with one NUL
        assertThat(back.toByteArray()).isEqualTo(expected);
        assertThat(pdus).isEqualTo((int) Math.ceil(expected.length / 994.0));
    }

    @Test
    void pdvParserRejectsInconsistentItems() {
        PDataParser p = new PDataParser();
        byte[] body = {0, 0, 0, 1, 1, 3}; // PDV length 1 < 2
        p.reset(body, body.length);
        assertThatThrownBy(p::next).isInstanceOf(PduFormatException.class);
        byte[] body2 = {0, 0, 0, 10, 1, 3, 0, 0};
        p.reset(body2, body2.length);
        assertThatThrownBy(p::next).isInstanceOf(PduFormatException.class);
        byte[] body3 = {0, 0, 0, 2, 1, (byte) 0x84};
        p.reset(body3, body3.length);
        assertThatThrownBy(p::next).isInstanceOf(PduFormatException.class).hasMessageContaining("reserved bits");
    }
}

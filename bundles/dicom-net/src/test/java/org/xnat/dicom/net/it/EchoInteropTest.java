package org.xnat.dicom.net.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnat.dicom.dict.UID;
import org.xnat.dicom.net.AssociationRejectedException;
import org.xnat.dicom.net.AssociationRequest;
import org.xnat.dicom.net.ConnectionOptions;
import org.xnat.dicom.net.DimseStatus;
import org.xnat.dicom.net.Implementation;
import org.xnat.dicom.net.scp.DicomServer;
import org.xnat.dicom.net.scp.ScpConfig;
import org.xnat.dicom.net.scu.DicomClient;
import org.xnat.dicom.net.scu.ScuAssociation;
import org.xnat.dicom.net.testing.Dcmtk;

/** C-ECHO with dcmtk's echoscu against our SCP, and our SCU against our SCP. */
class EchoInteropTest {
    private DicomServer server;

    @BeforeEach
    void start() throws Exception {
        server = DicomServer.builder(ScpConfig.builder().bindAddress("127.0.0.1").aeTitles("ROUTER")
                .acceptedCallingAeTitles("ECHOSCU", "OURSCU").build()).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void echoscuSucceedsAgainstOurScp() throws Exception {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-v", "-aet", "ECHOSCU", "-aec", "ROUTER", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Received Echo Response (Success)");
    }

    @Test
    void echoscuWithUnknownCalledAeIsRejected() throws Exception {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aet", "ECHOSCU", "-aec", "NOBODY", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("Called AE Title Not Recognized");
    }

    @Test
    void echoscuWithUnknownCallingAeIsRejected() throws Exception {
        Dcmtk.Result r = Dcmtk.run(30, "echoscu", "-aet", "STRANGER", "-aec", "ROUTER", "127.0.0.1",
                Integer.toString(server.port()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("Calling AE Title Not Recognized");
    }

    @Test
    void ourScuEchoesOurScp() throws Exception {
        try (DicomClient client = new DicomClient(ConnectionOptions.defaults());
                ScuAssociation as = client.connect("127.0.0.1", server.port(), AssociationRequest.builder("OURSCU", "ROUTER")
                        .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
            assertThat(as.peerImplementationClassUid()).isEqualTo(Implementation.CLASS_UID);
            AtomicInteger ok = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                if (as.echo() == DimseStatus.SUCCESS) {
                    ok.incrementAndGet();
                }
            }
            assertThat(ok).hasValue(20);
            as.release();
            assertThat(as.isOpen()).isFalse();
        }
    }

    @Test
    void ourScuSeesRejection() {
        try (DicomClient client = new DicomClient(ConnectionOptions.defaults())) {
            assertThatThrownBy(() -> client.connect("127.0.0.1", server.port(), AssociationRequest.builder("OURSCU", "WRONG")
                    .addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian).build()))
                    .isInstanceOfSatisfying(AssociationRejectedException.class, e -> {
                        assertThat(e.result()).isEqualTo(AssociationRejectedException.RESULT_PERMANENT);
                        assertThat(e.reason()).isEqualTo(AssociationRejectedException.REASON_CALLED_AE_NOT_RECOGNIZED);
                    });
        }
    }
}

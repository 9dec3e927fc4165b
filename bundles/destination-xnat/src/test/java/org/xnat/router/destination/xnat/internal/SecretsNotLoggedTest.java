package org.xnat.router.destination.xnat.internal;

import org.xnat.router.testing.Pydicom;
import org.xnat.router.testing.TestInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xnat.router.api.config.ComponentConfig;
import org.xnat.router.api.destination.Destination;

/** Runs deliveries that succeed and fail with debug logging on, and looks for secrets in everything logged. */
class SecretsNotLoggedTest {

    @Test
    void neitherPasswordNorAuthorizationNorSessionIdIsEverLogged() throws Exception {
        Pydicom.assumeAvailable();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Throwable> failures;
        try (FakeXnat xnat = new FakeXnat()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            var ct = Pydicom.corpus("CT_small.dcm");
            var instance = TestInstance.of(ct, Pydicom.read(ct, "SOPInstanceUID").get("SOPInstanceUID"));
            Map<String, Object> props = Map.of("url", xnat.url(), "username", FakeXnat.USER, "password",
                    FakeXnat.PASSWORD, "timeout", 5);
            try (Destination d = new XnatDestinationFactory().create(new ComponentConfig("x", "xnat", props))) {
                d.deliver(new TestDelivery("1.2", Map.of("project_id", "P"), List.of(instance)));
                xnat.importStatus = 500;
                Throwable serverError = catchThrowable(
                        () -> d.deliver(new TestDelivery("1.2", Map.of("project_id", "P"), List.of(instance))));
                d.check();
                failures = List.of(serverError);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the capture saw the log").contains("imported into XNAT project P");
        String basic = Base64.getEncoder().encodeToString((FakeXnat.USER + ":" + FakeXnat.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(log).doesNotContain(FakeXnat.PASSWORD).doesNotContain(basic).doesNotContain(FakeXnat.SESSION)
                .doesNotContain(FakeXnat.HEALTH_SESSION);
        assertThat(failures).allSatisfy(t -> assertThat(String.valueOf(t)).doesNotContain(FakeXnat.PASSWORD)
                .doesNotContain(basic).doesNotContain(FakeXnat.SESSION));
    }
}

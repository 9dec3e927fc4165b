package org.xnat.router.destination.dicom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreStatusTest {

    @Test
    void successAndWarningsAreAccepted() {
        for (int s : new int[] {0x0000, 0xB000, 0xB006, 0xB007, 0x0001}) {
            assertThat(StoreStatus.accepted(s)).as("%04X", s).isTrue();
        }
        for (int s : new int[] {0xA700, 0xA7FF, 0xA900, 0xC000, 0xCFFF, 0x0122, 0x0110, 0x0124, 0xFE00, 0x0211}) {
            assertThat(StoreStatus.accepted(s)).as("%04X", s).isFalse();
        }
    }

    @Test
    void outOfResourcesAndProcessingFailuresAreRetryable() {
        for (int s : new int[] {0xA700, 0xA701, 0xA7FF, 0x0110, 0x0213, 0x0210, 0xFE00}) {
            assertThat(StoreStatus.retryable(s)).as("%04X", s).isTrue();
        }
    }

    @Test
    void whatThePeerWillRefuseAgainIsNotRetryable() {
        for (int s : new int[] {0xA900, 0xA9FF, 0xC000, 0xC123, 0xCFFF, 0x0122, 0x0124, 0x0211, 0x0212, 0x0117, 0x0111,
                0xA800}) {
            assertThat(StoreStatus.retryable(s)).as("%04X", s).isFalse();
        }
    }

    @Test
    void describesCodesWithTheirMeaning() {
        assertThat(StoreStatus.describe(0xA700)).isEqualTo("A700H (refused: out of resources)");
        assertThat(StoreStatus.describe(0xA912)).isEqualTo("A912H (error: data set does not match SOP class)");
        assertThat(StoreStatus.describe(0xC005)).isEqualTo("C005H (error: cannot understand)");
        assertThat(StoreStatus.describe(0xB007)).isEqualTo("B007H (warning: data set does not match SOP class)");
        assertThat(StoreStatus.describe(0x0122)).isEqualTo("0122H (refused: SOP class not supported)");
    }
}

package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class CouponCodesTests {

    @Test
    void codesAreTenUnambiguousCharactersAndDiffer() {
        var codes = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            String code = CouponCodes.next();
            assertThat(code).hasSize(10).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]+");
            codes.add(code);
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void typedCodesAreReadWithoutCaseSpacesOrDashes() {
        assertThat(CouponCodes.normalise(" abcd-efgh 23 ")).isEqualTo("ABCDEFGH23");
    }
}

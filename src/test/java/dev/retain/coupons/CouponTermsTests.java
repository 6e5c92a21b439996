package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CouponTermsTests {

    @Test
    void aFixedCouponTakesItsAmountButNeverMoreThanTheOrder() {
        var terms = new CouponTerms(CampaignKind.FIXED, money("20"), null, null, money("100"), "CNY");

        assertThat(terms.allows(money("99.99"))).isFalse();
        assertThat(terms.allows(money("100"))).isTrue();
        assertThat(terms.discountOn(money("120"))).isEqualByComparingTo("20.00");
        assertThat(new CouponTerms(CampaignKind.FIXED, money("50"), null, null, BigDecimal.ZERO, "CNY")
                        .discountOn(money("30")))
                .isEqualByComparingTo("30.00");
        assertThat(terms.describe()).isEqualTo("¥20 off orders over ¥100");
    }

    @Test
    void aPercentCouponTakesItsShareRoundedToCentsAndCappedWhenACapIsSet() {
        var uncapped = new CouponTerms(CampaignKind.PERCENT, null, money("15"), null, BigDecimal.ZERO, "CNY");
        var capped = new CouponTerms(CampaignKind.PERCENT, null, money("15"), money("50"), money("200"), "CNY");

        assertThat(uncapped.discountOn(money("99.99"))).isEqualByComparingTo("15.00");
        assertThat(uncapped.discountOn(money("1000"))).isEqualByComparingTo("150.00");
        assertThat(capped.discountOn(money("1000"))).isEqualByComparingTo("50.00");
        assertThat(uncapped.describe()).isEqualTo("15% off");
        assertThat(capped.describe()).isEqualTo("15% off, up to ¥50 orders over ¥200");
        assertThat(new CouponTerms(CampaignKind.PERCENT, null, money("100"), null, BigDecimal.ZERO, "CNY")
                        .discountOn(money("88.80")))
                .isEqualByComparingTo("88.80");
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}

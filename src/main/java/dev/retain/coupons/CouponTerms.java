package dev.retain.coupons;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a coupon is worth: a fixed amount or a percentage (capped by {@code maxDiscount} when set) off an order of at
 * least {@code minSpend}, in {@code currency}. The discount never exceeds the order amount.
 */
public record CouponTerms(
        CampaignKind kind,
        BigDecimal amount,
        BigDecimal percent,
        BigDecimal maxDiscount,
        BigDecimal minSpend,
        String currency) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public boolean allows(BigDecimal orderAmount) {
        return orderAmount.compareTo(minSpend) >= 0;
    }

    /** The discount on an order of this amount, rounded to cents. Kept equal to the SQL in {@code OrderRedemptions}. */
    public BigDecimal discountOn(BigDecimal orderAmount) {
        BigDecimal discount;
        if (kind == CampaignKind.FIXED) {
            discount = amount;
        } else {
            discount = orderAmount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            if (maxDiscount != null) {
                discount = discount.min(maxDiscount);
            }
        }
        return discount.min(orderAmount).setScale(2, RoundingMode.HALF_UP);
    }

    /** In words, e.g. "¥20 off orders over ¥100" or "15% off, up to ¥50". */
    public String describe() {
        String off = kind == CampaignKind.FIXED
                ? money(amount) + " off"
                : plain(percent) + "% off" + (maxDiscount == null ? "" : ", up to " + money(maxDiscount));
        return minSpend.signum() > 0 ? off + " orders over " + money(minSpend) : off;
    }

    private String money(BigDecimal value) {
        return ("CNY".equals(currency) ? "¥" : currency + " ") + plain(value);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

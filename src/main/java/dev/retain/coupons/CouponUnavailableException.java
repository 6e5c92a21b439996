package dev.retain.coupons;

/**
 * A coupon cannot be issued (the campaign is paused, ended, over, out of budget, or the customer holds as many as
 * allowed) or used (already redeemed, expired, void, not yet valid, order below the minimum spend, another customer's
 * coupon). Nothing was written when it is thrown, so a caller may catch it and carry on in its own transaction.
 */
public class CouponUnavailableException extends Exception {

    /** Why, as a stable code for programs; the message says it in words. */
    public enum Reason {
        CAMPAIGN_PAUSED,
        CAMPAIGN_ENDED,
        CAMPAIGN_OVER,
        BUDGET_USED_UP,
        CUSTOMER_LIMIT_REACHED,
        ALREADY_REDEEMED,
        COUPON_EXPIRED,
        COUPON_VOID,
        NOT_YET_VALID,
        BELOW_MIN_SPEND,
        WRONG_CUSTOMER
    }

    private final Reason reason;

    public CouponUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

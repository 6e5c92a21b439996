package dev.retain.coupons.web;

/** Who may do what with coupons; everyone signed in may read. */
final class CouponAccess {

    /** Create and change campaigns, void coupons. */
    static final String MANAGE = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    /** Issue a coupon to a customer by hand, and redeem one at a checkout. */
    static final String ISSUE = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')";

    private CouponAccess() {}
}

/**
 * Coupons: campaigns with their terms (fixed amount or percent off, minimum spend), validity (dates and/or days after
 * issue) and limits (budget, per customer); unique codes issued by journeys or by hand, idempotently; redemption
 * through the API or through an imported order carrying the code; nightly expiry; cost per issuing source for ROI.
 * Publishes {@link dev.retain.coupons.CouponIssued} and {@link dev.retain.coupons.CouponRedeemed}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Coupons")
package dev.retain.coupons;

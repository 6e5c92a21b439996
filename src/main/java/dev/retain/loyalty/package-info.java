/**
 * Loyalty: the points programme. One append-only double-entry ledger of points — every movement a transaction with an
 * idempotency key, a reason and entries on the member's wallet (pending, active) and the programme's accounts
 * (programme, redeemed, expired) that sum to zero — with each award kept as a lot that is pending for some days after
 * its order, then spendable until it expires. Orders earn points by the versioned earning rules as commerce records
 * them (per order line by category and product multipliers, more in the member's birthday month); campaigns add bonus
 * points to orders placed in their window within a budget and a per-member limit; refunds and returns reverse exactly
 * what the refunded part earned. Redemptions, earnings from other channels and manual adjustments go through the API,
 * idempotently and one at a time per member; a nightly job activates and expires lots for everyone and reminds members
 * of points about to expire (the event points_expiring); journeys give points with the step award_points. The balance, the points expiring soon and the ledger show on the customer page, its
 * timeline and in conditions. Tiers: members qualify by points earned, spend or orders over a rolling window, move up
 * at once and down only at their review after a grace (the nightly review, set-based), with benefits per tier.
 * Badges are rules in the segments' condition language, awarded once per member (with their points once) as orders and
 * events change and by the nightly run; referrals attach a friend to a member by a
 * code derived from the member's id, and reward both when the friend's first paid order qualifies, or take the rewards
 * back when it is refunded. The rewards catalogue offers coupons and gifts for points: redeeming one spends its points,
 * takes one of its stock and issues the coupon or records the gift in one transaction; a gift cancelled before it was
 * sent gives its points back. Other modules read the ledger's movements and the tier moves through the views it publishes
 * ({@code loyalty_movements_view}, {@code loyalty_tier_moves_view}): the churn model's loyalty signals.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package dev.retain.loyalty;

package dev.retain.loyalty;

/** Why a referral was refused or reversed. */
public enum ReferralReason {
    /** The code is the friend's own. */
    SAME_CUSTOMER,
    /** Referrer and friend have the same phone. */
    SAME_PHONE,
    /** Referrer and friend have the same email. */
    SAME_EMAIL,
    /** Referrer and friend were merged into one customer. */
    MERGED,
    /** The friend bought before being referred: not a new customer. */
    ORDERED_BEFORE,
    /** The friend's first paid order is below the programme's minimum. */
    BELOW_MINIMUM,
    /** The referrer reached the day's cap of qualified referrals. */
    DAILY_CAP,
    /** The qualifying order was refunded, cancelled or returned. */
    ORDER_REFUNDED
}

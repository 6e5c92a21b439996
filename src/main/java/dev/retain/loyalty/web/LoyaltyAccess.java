package dev.retain.loyalty.web;

/** Who may do what with points. Reads of a member follow the data scope; everyone signed in may read. */
final class LoyaltyAccess {

    /** Spend a member's points at a checkout or a counter: everyone who serves customers, not analysts. */
    static final String REDEEM = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')";

    /** Give points from a campaign or another channel. */
    static final String EARN = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    /** Give or take points by hand, with a note: audited. */
    static final String ADJUST = "hasAnyRole('ADMIN', 'MANAGER')";

    /** See the programme's settings and rules. */
    static final String READ_PROGRAMME = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    /** Change the programme, and prove the ledger. */
    static final String ADMIN = "hasRole('ADMIN')";

    private LoyaltyAccess() {}
}

package dev.retain.loyalty;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Locked;
import dev.retain.loyalty.MemberLedger.Posting;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A member's ledger, lots and wallet: exported; on erasure kept, naming no one, because the ledger is the programme's
 * accounts — points issued, redeemed and expired by month, and what the programme owes, must not change when a person
 * leaves. What erasure does: the points the person still held are written off (an ADJUSTMENT back to the programme,
 * so the liability falls), every note typed about them is cleared, and the orders' record of points goes, so their
 * orders (kept by commerce for the accounts) earn nothing again; their badges and the record of who referred them go
 * (a referral they made stays with the friend, naming only a customer id). What stays is numbers under a customer id
 * that names no one.
 */
@Component
class LoyaltyPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of(
            "loyalty_members",
            "loyalty_transactions",
            "loyalty_entries",
            "loyalty_lots",
            "loyalty_draws",
            "loyalty_keys",
            "loyalty_order_points",
            "loyalty_campaign_orders",
            "loyalty_expiry_reminders",
            "loyalty_member_tiers",
            "loyalty_tier_history",
            "loyalty_member_badges",
            "loyalty_referrals",
            "loyalty_reward_redemptions",
            "loyalty_event_days");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;
    private final MemberLedger ledger;

    LoyaltyPersonalData(PersonalDataRows rows, JdbcClient jdbc, MemberLedger ledger) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    public String module() {
        return "loyalty";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    /** Customers who spent points since then. */
    @Override
    public Set<Long> activeSince(Instant since, List<Long> customerIds) {
        return Set.copyOf(jdbc.sql("""
                        select distinct customer_id from loyalty_transactions
                        where customer_id = any (?) and reason = 'REDEMPTION' and at >= ?""")
                .params(customerIds.toArray(Long[]::new), Timestamp.from(since))
                .query(Long.class)
                .list());
    }

    @Override
    public void erase(ErasedCustomer customer) {
        long customerId = customer.id();
        boolean member = jdbc.sql("select exists (select 1 from loyalty_members where customer_id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        jdbc.sql("delete from loyalty_member_badges where customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("delete from loyalty_referrals where customer_id = ?")
                .param(customerId)
                .update();
        if (!member) {
            return;
        }
        OrderEarning.lockOrderPoints(jdbc);
        Locked wallet = ledger.lock(customerId);
        List<Draw> draws = new ArrayList<>(ledger.take(customerId, Long.MAX_VALUE, true, null));
        Map<LedgerAccount, Long> entries = new EnumMap<>(LedgerAccount.class);
        MemberLedger.byAccount(draws).forEach((account, points) -> entries.put(account, -points));
        // a debt is written off too
        entries.merge(LedgerAccount.ACTIVE, Math.max(0, -wallet.active()), Long::sum);
        long total = entries.values().stream().mapToLong(Long::longValue).sum();
        if (total != 0) {
            entries.put(LedgerAccount.PROGRAMME, -total);
            long id = ledger.nextTransactionId();
            ledger.post(new Posting(
                    customerId,
                    id,
                    LoyaltyReason.ADJUSTMENT,
                    "erasure:" + customerId + ":" + id,
                    false,
                    null,
                    null,
                    "system",
                    entries,
                    draws));
        }
        jdbc.sql("update loyalty_transactions set note = null where customer_id = ? and note is not null")
                .param(customerId)
                .update();
        jdbc.sql("delete from loyalty_order_points where customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("delete from loyalty_campaign_orders where customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("delete from loyalty_event_days where customer_id = ?")
                .param(customerId)
                .update();
    }
}

package dev.retain.loyalty;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The members a step of the ledger works on, all of them locked by the transaction: one member whose row the caller
 * locked, or the members a set-based run locked at its start. Every change of a member's points holds that lock, and a
 * transaction takes its members' locks once, in customer order, so changes of one member line up and two runs never
 * wait on each other in a circle.
 */
interface MemberScope {

    /** SQL restricting {@code column} (a customer id) to these members. */
    String members(String column);

    /** One member, locked by the caller. */
    static MemberScope one(long customerId) {
        return column -> "(" + column + " = " + customerId + ")";
    }

    /**
     * Locks, in customer order, the members among {@code candidates} (SQL selecting customer ids, with its named
     * parameters) that have a row, and returns them as the scope of the transaction's further steps.
     */
    static MemberScope lock(JdbcClient jdbc, String candidates, Map<String, ?> params) {
        jdbc.sql("drop table if exists loyalty_run_members").update();
        jdbc.sql("create temp table loyalty_run_members (customer_id bigint primary key) on commit drop")
                .update();
        jdbc.sql("insert into loyalty_run_members select customer_id from loyalty_members where customer_id in ("
                        + candidates + ") order by customer_id for update")
                .params(params)
                .update();
        jdbc.sql("analyze loyalty_run_members").update();
        return column -> "(" + column + " in (select customer_id from loyalty_run_members))";
    }
}

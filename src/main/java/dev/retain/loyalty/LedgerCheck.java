package dev.retain.loyalty;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves the ledger whole, on one snapshot: every transaction's entries sum to zero and it holds its idempotency key;
 * every member's cached wallet equals the sums of their ACTIVE and PENDING entries; the lots hold what the wallet says
 * (a member who owes points has no spendable lot left); and every lot's points are what is left of it plus what was
 * drawn from it. {@code ./retain loyalty check} and {@code GET /api/v1/loyalty/check} run it.
 */
@Service
public class LedgerCheck {

    /** Up to this many examples of each kind of problem are listed. */
    static final int EXAMPLES = 5;

    /**
     * What the check found: the ledger's size and totals per account (the programme's liability is what members hold,
     * {@code active + pending}), and each problem in words; {@code ok} when there is none.
     */
    public record Result(
            boolean ok,
            long transactions,
            long members,
            long active,
            long pending,
            long redeemed,
            long expired,
            long issued,
            List<String> problems) {}

    private final JdbcClient jdbc;

    LedgerCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Result run() {
        List<String> problems = new ArrayList<>();
        problems.addAll(examples("transaction %d of customer %d: its entries sum to %d, not 0", """
                select transaction_id, customer_id, sum(points) from loyalty_entries
                group by customer_id, transaction_id having sum(points) <> 0""", 3));
        problems.addAll(examples("transaction %d of customer %d has no entries", """
                select t.id, t.customer_id from loyalty_transactions t
                where not exists (select 1 from loyalty_entries e
                                  where e.customer_id = t.customer_id and e.transaction_id = t.id)""", 2));
        problems.addAll(examples("transaction %d of customer %d does not hold its idempotency key", """
                select t.id, t.customer_id from loyalty_transactions t
                left join loyalty_keys k on k.idempotency_key = t.idempotency_key
                where k.transaction_id is distinct from t.id or k.customer_id is distinct from t.customer_id""", 2));
        problems.addAll(examples(
                "customer %d: the cached wallet says %d spendable and %d pending, the ledger %d and %d", """
                select coalesce(m.customer_id, e.customer_id), coalesce(m.active, 0), coalesce(m.pending, 0),
                       coalesce(e.active, 0), coalesce(e.pending, 0)
                from loyalty_members m
                full join (select customer_id,
                                  sum(points) filter (where account = 'ACTIVE') as active,
                                  sum(points) filter (where account = 'PENDING') as pending
                           from loyalty_entries group by customer_id) e on e.customer_id = m.customer_id
                where (coalesce(m.active, 0), coalesce(m.pending, 0))
                      is distinct from (coalesce(e.active, 0), coalesce(e.pending, 0))""", 5));
        problems.addAll(examples(
                "customer %d: the lots hold %d spendable and %d pending points, the wallet %d and %d", """
                select m.customer_id, coalesce(l.active, 0), coalesce(l.pending, 0), m.active, m.pending
                from loyalty_members m
                left join (select customer_id,
                                  sum(remaining) filter (where state = 'ACTIVE') as active,
                                  sum(remaining) filter (where state = 'PENDING') as pending
                           from loyalty_lots group by customer_id) l on l.customer_id = m.customer_id
                where coalesce(l.active, 0) <> greatest(m.active, 0) or coalesce(l.pending, 0) <> m.pending""", 5));
        problems.addAll(examples("lot %d of customer %d: %d points, %d left, but %d drawn", """
                select l.id, l.customer_id, l.points, l.remaining, coalesce(d.drawn, 0)
                from loyalty_lots l
                left join (select customer_id, lot_id, sum(points) as drawn from loyalty_draws
                           group by customer_id, lot_id) d on d.customer_id = l.customer_id and d.lot_id = l.id
                where l.points - l.remaining <> coalesce(d.drawn, 0)""", 5));
        return jdbc.sql("""
                        select (select count(*) from loyalty_transactions),
                               (select count(*) from loyalty_members),
                               coalesce(sum(points) filter (where account = 'ACTIVE'), 0),
                               coalesce(sum(points) filter (where account = 'PENDING'), 0),
                               coalesce(sum(points) filter (where account = 'REDEEMED'), 0),
                               coalesce(sum(points) filter (where account = 'EXPIRED'), 0),
                               coalesce(-sum(points) filter (where account = 'PROGRAMME'), 0)
                        from loyalty_entries""")
                .query((rs, row) -> new Result(
                        problems.isEmpty(),
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        List.copyOf(problems)))
                .single();
    }

    /** The first few rows of a query for problems, each in words; a last line says how many more there are. */
    private List<String> examples(String format, String sql, int columns) {
        List<String> found = jdbc.sql(sql + " limit " + (EXAMPLES + 1))
                .query((rs, row) -> {
                    Object[] values = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        values[i] = rs.getLong(i + 1);
                    }
                    return format.formatted(values);
                })
                .list();
        if (found.size() <= EXAMPLES) {
            return found;
        }
        long all = jdbc.sql("select count(*) from (" + sql + ") problems")
                .query(Long.class)
                .single();
        List<String> shown = new ArrayList<>(found.subList(0, EXAMPLES));
        shown.add("… and " + (all - EXAMPLES) + " more like it");
        return shown;
    }
}

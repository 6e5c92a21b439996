package dev.retain.sales;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import dev.retain.platform.UserAccounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's moves in and out of the pools on its timeline: claimed, assigned, released, reclaimed and why. */
@Component
class PoolMovesOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;
    private final UserAccounts users;

    PoolMovesOnTimeline(JdbcClient jdbc, UserAccounts users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public String kind() {
        return "pool";
    }

    @Override
    public int order() {
        return 46;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        List<PoolMove> moves = jdbc.sql("""
                        select m.customer_id, m.id, m.pool_id, m.kind, m.from_owner, m.to_owner, m.reason, m.actor, m.at
                        from customer_pool_moves m
                        where m.customer_id = ? and (cast(? as timestamptz) is null or m.at < ?)
                        order by m.at desc, m.id desc limit ?""")
                .params(customerId, timestamp(before), timestamp(before), limit)
                .query((rs, row) -> new PoolMove(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        PoolMoveKind.valueOf(rs.getString(4)),
                        rs.getObject(5, Long.class),
                        rs.getObject(6, Long.class),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
        var names = users.displayNames(Set.copyOf(moves.stream()
                .flatMap(m -> Stream.of(m.fromOwner(), m.toOwner()))
                .filter(java.util.Objects::nonNull)
                .toList()));
        var poolNames = new java.util.HashMap<Long, String>();
        jdbc.sql("select id, name from customer_pools").query(rs -> {
            poolNames.put(rs.getLong(1), rs.getString(2));
        });
        return moves.stream()
                .map(move -> TimelineEntry.of(
                        move.at(),
                        kind(),
                        type(move),
                        move.kind() == PoolMoveKind.RECLAIMED ? null : move.reason(),
                        "/sales/pools/" + move.poolId(),
                        poolNames.get(move.poolId()),
                        names.get(move.fromOwner() != null ? move.fromOwner() : move.toOwner()),
                        move.actor(),
                        ruleDays(move)))
                .toList();
    }

    /** What happened: claimed, assigned, released, or reclaimed by a rule (reclaimed_follow_up, reclaimed_order). */
    private static String type(PoolMove move) {
        String kind = move.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (move.kind() == PoolMoveKind.RECLAIMED
                && move.reason() != null
                && move.reason().contains(":")) {
            return kind + "_"
                    + move.reason().substring(0, move.reason().indexOf(':')).toLowerCase(java.util.Locale.ROOT);
        }
        return kind;
    }

    /** A reclaim's rule as its days, e.g. 30 for "FOLLOW_UP:30"; the title says which rule. */
    private static String ruleDays(PoolMove move) {
        return move.kind() == PoolMoveKind.RECLAIMED
                        && move.reason() != null
                        && move.reason().contains(":")
                ? move.reason().substring(move.reason().indexOf(':') + 1)
                : "";
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

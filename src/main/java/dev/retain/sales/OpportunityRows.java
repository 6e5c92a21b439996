package dev.retain.sales;

import dev.retain.commerce.CurrencyRates;
import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.UserAccounts;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reading and writing the opportunities' rows, shared by the services that change them: the one select (with the
 * customer's name, the stage and whether it is stuck as of the clock), the lines, the lock and the history.
 */
@Component
class OpportunityRows {

    /**
     * Every opportunity with its customer and stage. Stuck: open, and in its stage longer than the stage allows; the
     * days counted are those since it entered the stage.
     */
    static final String SELECT = """
            select o.id, o.customer_id, c.name as customer_name, o.title, o.stage_id, s.name as stage_name,
                   s.probability, o.status, o.amount, o.expected_close_on, o.owner_id, o.notes, o.lost_reason, o.order_id,
                   o.stage_entered_at,
                   case when o.status = 'OPEN' and s.stuck_after_days is not null
                             and o.stage_entered_at < cast(:now as timestamptz) - make_interval(days => s.stuck_after_days)
                        then floor(extract(epoch from cast(:now as timestamptz) - o.stage_entered_at) / 86400)::bigint
                   end as stuck_days,
                   o.closed_at, o.created_by, o.created_at, o.updated_at, o.version
            from opportunities o
            join opportunity_stages s on s.id = o.stage_id
            join customer_profiles_view c on c.id = o.customer_id
            """;

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final Clock clock;

    OpportunityRows(JdbcClient jdbc, UserAccounts users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /** @throws NotFoundException no such opportunity, or one of a customer the viewer may not see */
    Opportunity find(long id) {
        return select("where o.id = :id", Map.of("id", id)).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Opportunity", id));
    }

    /** Locks the opportunity's row until the transaction ends, so two changes of it take turns. */
    Opportunity lock(long id) {
        int locked = jdbc.sql("select 1 from opportunities where id = ? for update")
                .param(id)
                .query(Integer.class)
                .list()
                .size();
        if (locked == 0) {
            throw new NotFoundException("Opportunity", id);
        }
        return find(id);
    }

    /** The opportunities matching {@code where} (SQL over {@code o}, {@code s}, {@code c} with named parameters). */
    List<Opportunity> select(String where, Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("now", Timestamp.from(clock.instant()));
        List<Opportunity> bare =
                jdbc.sql(SELECT + where).params(all).query(OpportunityRows::map).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<OpportunityLine>> lines =
                linesOf(bare.stream().map(Opportunity::id).toList());
        Map<Long, String> owners = users.displayNames(
                bare.stream().map(Opportunity::ownerId).filter(Objects::nonNull).collect(Collectors.toSet()));
        return bare.stream()
                .map(o -> complete(o, lines.getOrDefault(o.id(), List.of()), owners.get(o.ownerId())))
                .toList();
    }

    private Map<Long, List<OpportunityLine>> linesOf(List<Long> ids) {
        Map<Long, List<OpportunityLine>> lines = new HashMap<>();
        jdbc.sql("""
                        select opportunity_id, sku, name, quantity, unit_price from opportunity_lines
                        where opportunity_id in (:ids) order by opportunity_id, line_no""").param("ids", ids).query(rs -> {
            lines.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                    .add(new OpportunityLine(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5)));
        });
        return lines;
    }

    void replaceLines(long customerId, long opportunityId, List<OpportunityLine> lines) {
        jdbc.sql("delete from opportunity_lines where customer_id = ? and opportunity_id = ?")
                .params(customerId, opportunityId)
                .update();
        int lineNo = 0;
        for (OpportunityLine line : lines) {
            jdbc.sql("""
                            insert into opportunity_lines (customer_id, opportunity_id, line_no, sku, name, quantity,
                                                           unit_price)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            customerId,
                            opportunityId,
                            ++lineNo,
                            line.sku(),
                            line.name(),
                            line.quantity(),
                            line.unitPrice())
                    .update();
        }
    }

    /** Adds a step to the opportunity's history, by the signed-in user, now. */
    void recordMove(
            Opportunity opportunity,
            OpportunityMoveKind kind,
            Long fromStageId,
            long toStageId,
            BigDecimal amount,
            String reason,
            Instant at) {
        jdbc.sql("""
                        insert into opportunity_moves (customer_id, opportunity_id, kind, from_stage_id, to_stage_id,
                                                       amount, reason, actor, at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        opportunity.customerId(),
                        opportunity.id(),
                        kind.name(),
                        fromStageId,
                        toStageId,
                        amount,
                        reason,
                        AuditLog.currentActor(),
                        Timestamp.from(at))
                .update();
    }

    /** The opportunity's history, oldest first, or the customer's newest first (see the callers). */
    List<OpportunityMove> moves(String where, Map<String, ?> params, Map<Long, String> stageNames) {
        return jdbc.sql("""
                        select id, opportunity_id, customer_id, kind, from_stage_id, to_stage_id, amount, reason, actor, at
                        from opportunity_moves m\s""" + where)
                .params(params)
                .query((rs, row) -> {
                    Long from = rs.getObject(5, Long.class);
                    Long to = rs.getObject(6, Long.class);
                    return new OpportunityMove(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            OpportunityMoveKind.valueOf(rs.getString(4)),
                            from,
                            from == null ? null : stageNames.get(from),
                            to,
                            to == null ? null : stageNames.get(to),
                            rs.getBigDecimal(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getTimestamp(10).toInstant());
                })
                .list();
    }

    private static Opportunity complete(Opportunity o, List<OpportunityLine> lines, String ownerName) {
        return new Opportunity(
                o.id(),
                o.customerId(),
                o.customerName(),
                o.title(),
                o.stageId(),
                o.stageName(),
                o.probability(),
                o.status(),
                o.amount(),
                o.currency(),
                o.expectedCloseOn(),
                o.ownerId(),
                ownerName,
                o.notes(),
                o.lostReason(),
                o.orderId(),
                List.copyOf(lines),
                o.stageEnteredAt(),
                o.stuckDays(),
                o.closedAt(),
                o.createdBy(),
                o.createdAt(),
                o.updatedAt(),
                o.version());
    }

    private static Opportunity map(ResultSet rs, int row) throws SQLException {
        Date close = rs.getDate("expected_close_on");
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Opportunity(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getString("customer_name"),
                rs.getString("title"),
                rs.getLong("stage_id"),
                rs.getString("stage_name"),
                rs.getInt("probability"),
                OpportunityStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("amount"),
                CurrencyRates.BASE_CURRENCY,
                close == null ? null : close.toLocalDate(),
                rs.getObject("owner_id", Long.class),
                null,
                rs.getString("notes"),
                rs.getString("lost_reason"),
                rs.getObject("order_id", Long.class),
                List.of(),
                rs.getTimestamp("stage_entered_at").toInstant(),
                rs.getObject("stuck_days", Long.class),
                closed == null ? null : closed.toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"));
    }
}

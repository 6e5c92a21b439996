package dev.retain.sales;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer's opportunities on its timeline: opened, moved from stage to stage, won or lost (and why). */
@Component
class OpportunitiesOnTimeline implements TimelineSource {

    private final OpportunityRows rows;
    private final OpportunityStages stages;
    private final JdbcClient jdbc;

    OpportunitiesOnTimeline(OpportunityRows rows, OpportunityStages stages, JdbcClient jdbc) {
        this.rows = rows;
        this.stages = stages;
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "opportunity";
    }

    @Override
    public int order() {
        return 47;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("customer", customerId);
        params.put("before", before == null ? null : Timestamp.from(before));
        params.put("limit", limit);
        List<OpportunityMove> moves = rows.moves(
                "where m.customer_id = :customer and (cast(:before as timestamptz) is null or m.at < :before)"
                        + " order by m.at desc, m.id desc limit :limit",
                params,
                stages.names());
        if (moves.isEmpty()) {
            return List.of();
        }
        Map<Long, String> titles = new HashMap<>();
        jdbc.sql("select id, title from opportunities where customer_id = :customer and id in (:ids)")
                .param("customer", customerId)
                .param(
                        "ids",
                        moves.stream()
                                .map(OpportunityMove::opportunityId)
                                .distinct()
                                .toList())
                .query(rs -> {
                    titles.put(rs.getLong(1), rs.getString(2));
                });
        return moves.stream()
                .map(move -> TimelineEntry.of(
                        move.at(),
                        kind(),
                        move.kind().name().toLowerCase(java.util.Locale.ROOT),
                        move.reason(),
                        "/opportunities/" + move.opportunityId(),
                        titles.get(move.opportunityId()),
                        move.toStage(),
                        move.fromStage(),
                        "¥" + move.amount().toPlainString(),
                        move.actor()))
                .toList();
    }
}

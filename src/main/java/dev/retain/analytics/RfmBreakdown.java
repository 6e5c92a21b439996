package dev.retain.analytics;

import dev.retain.segments.RfmSegment;
import dev.retain.segments.ValueCell;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Customers in scope per RFM segment and per value cell, as of the last RFM run; every segment and cell present. */
@Component
public class RfmBreakdown {

    public record Share(long customers, BigDecimal monetary) {}

    public record Distribution(Map<RfmSegment, Share> segments, Map<ValueCell, Share> valueCells, long scored) {}

    private final JdbcClient jdbc;

    RfmBreakdown(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Distribution of(CustomerScope scope) {
        Map<RfmSegment, Share> segments = new LinkedHashMap<>();
        for (RfmSegment segment : RfmSegment.values()) {
            segments.put(segment, new Share(0, BigDecimal.ZERO));
        }
        Map<ValueCell, Share> cells = new LinkedHashMap<>();
        for (ValueCell cell : ValueCell.values()) {
            cells.put(cell, new Share(0, BigDecimal.ZERO));
        }
        ScopedSql sql = new ScopedSql(scope);
        long[] scored = {0};
        jdbc.sql("""
                        select segment, value_cell, count(*), sum(monetary) from rfm_scores_view where %s
                        group by grouping sets ((segment), (value_cell))""".formatted(sql.customers("customer_id")))
                .params(sql.params())
                .query(rs -> {
                    Share share = new Share(rs.getLong(3), rs.getBigDecimal(4));
                    if (rs.getString(1) != null) {
                        segments.put(RfmSegment.valueOf(rs.getString(1)), share);
                        scored[0] += share.customers();
                    } else {
                        cells.put(ValueCell.valueOf(rs.getString(2)), share);
                    }
                });
        return new Distribution(segments, cells, scored[0]);
    }
}

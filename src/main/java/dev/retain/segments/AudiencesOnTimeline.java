package dev.retain.segments;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tags and segments on the customer's timeline: entering and leaving, with the values that decided it. */
@Component
class AudiencesOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    AudiencesOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "tag";
    }

    @Override
    public int order() {
        return 45;
    }

    /** Reads {@code audience_changes_customer_idx} backwards in each monthly partition; stops after {@code limit}. */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select c.change, c.at, c.audience_id, a.kind, a.name, c.reason::text
                        from (select audience_id, change, at, reason from audience_changes
                              where customer_id = ? and at < ? order by at desc limit ?) c
                        left join audiences a on a.id = c.audience_id
                        order by c.at desc""")
                .params(customerId, Timestamp.from(before), limit)
                .query((rs, row) -> {
                    boolean entered = rs.getString(1).equals("ENTERED");
                    boolean segment = "SEGMENT".equals(rs.getString(4));
                    String type = segment
                            ? (entered ? "segmentEntered" : "segmentExited")
                            : (entered ? "tagAdded" : "tagRemoved");
                    String name = rs.getString(5);
                    String reason = Reasons.read(rs.getString(6)).entrySet().stream()
                            .map(entry -> entry.getKey() + " = " + entry.getValue())
                            .collect(Collectors.joining(", "));
                    return TimelineEntry.of(
                            rs.getTimestamp(2).toInstant(),
                            kind(),
                            type,
                            reason,
                            name == null ? null : "/segments/" + rs.getLong(3),
                            name == null ? "#" + rs.getLong(3) : name);
                })
                .list();
    }
}

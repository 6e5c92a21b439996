package dev.retain.service.sla;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * SLA results for the dashboard: per target, the targets that ended (met or breached) in the period and the share
 * met, plus the breaches that happened in the period — of the owner's customers when an owner is given.
 */
@Service
public class SlaFigures {

    /** One target's results; {@code metShare} is null when none ended in the period. */
    public record TargetFigures(SlaTarget target, long met, long breached, Double metShare) {}

    /** The results per target and the breaches in the period. */
    public record Figures(List<TargetFigures> targets, long breaches) {}

    private final JdbcClient jdbc;
    private final CompanyZone zone;

    SlaFigures(JdbcClient jdbc, CompanyZone zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public Figures of(LocalDate first, LocalDate last, Long ownerId) {
        Timestamp from = Timestamp.from(first.atStartOfDay(zone.zone()).toInstant());
        Timestamp to = Timestamp.from(last.plusDays(1).atStartOfDay(zone.zone()).toInstant());
        String owner = ownerId == null ? "" : " and c.owner_id = " + ownerId.longValue();
        List<TargetFigures> targets = jdbc
                .sql("""
                        select s.target, count(*) filter (where s.state = 'MET'),
                               count(*) filter (where s.state = 'BREACHED')
                        from ticket_sla_timers s join customer_profiles_view c on c.id = s.customer_id
                        where s.state in ('MET', 'BREACHED') and s.stopped_at >= ? and s.stopped_at < ?""" + owner + " group by s.target")
                .params(from, to)
                .query((rs, n) -> {
                    long met = rs.getLong(2);
                    long breached = rs.getLong(3);
                    return new TargetFigures(
                            SlaTarget.valueOf(rs.getString(1)),
                            met,
                            breached,
                            met + breached == 0 ? null : (double) met / (met + breached));
                })
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(TargetFigures::target))
                .toList();
        long breaches = jdbc.sql("select count(*) from ticket_sla_timers s"
                        + " join customer_profiles_view c on c.id = s.customer_id"
                        + " where s.breached_at >= ? and s.breached_at < ?" + owner)
                .params(from, to)
                .query(Long.class)
                .single();
        return new Figures(targets, breaches);
    }
}

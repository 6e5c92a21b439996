package dev.retain.service;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The desk's figures for a period (days in the company's zone), within the viewer's scope and for one owner's customers
 * if given: tickets opened by week, the median and 90th percentile of the first response and resolution times (wall
 * clock; business time comes with SLA calendars), and the categories most tickets were about.
 */
@Service
public class TicketFigures {

    /** Tickets opened in the week starting on {@code week} (a Monday). */
    public record Week(LocalDate week, long tickets) {}

    /** Hours to the first response and to the solve, median and 90th percentile; null without such tickets. */
    public record Times(
            Double firstResponseMedian, Double firstResponseP90, Double resolutionMedian, Double resolutionP90) {}

    public record CategoryCount(String name, long tickets) {}

    public record Figures(long opened, long open, List<Week> weeks, Times times, List<CategoryCount> categories) {

        public long widest() {
            return Math.max(1, weeks.stream().mapToLong(Week::tickets).max().orElse(1));
        }
    }

    private final JdbcClient jdbc;
    private final CompanyZone zone;

    TicketFigures(JdbcClient jdbc, CompanyZone zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    public Figures of(LocalDate first, LocalDate last, Long ownerId, Locale locale) {
        Timestamp from = Timestamp.from(first.atStartOfDay(zone.zone()).toInstant());
        Timestamp to = Timestamp.from(last.plusDays(1).atStartOfDay(zone.zone()).toInstant());
        String owner = ownerId == null ? "" : " and c.owner_id = " + ownerId.longValue();
        String base = " from service_tickets_view t join customer_profiles_view c on c.id = t.customer_id"
                + " where t.created_at >= ? and t.created_at < ?" + owner;
        List<Week> weeks = jdbc.sql("select date_trunc('week', t.created_at at time zone ?)::date as week, count(*)"
                        + base + " group by 1 order by 1")
                .params(zone.zone().getId(), from, to)
                .query((rs, n) -> new Week(rs.getDate(1).toLocalDate(), rs.getLong(2)))
                .list();
        Times times = jdbc.sql("""
                        select percentile_cont(0.5) within group (order by extract(epoch from t.first_response_at - t.created_at) / 3600),
                               percentile_cont(0.9) within group (order by extract(epoch from t.first_response_at - t.created_at) / 3600),
                               percentile_cont(0.5) within group (order by extract(epoch from t.solved_at - t.created_at) / 3600),
                               percentile_cont(0.9) within group (order by extract(epoch from t.solved_at - t.created_at) / 3600)""" + base)
                .params(from, to)
                .query((rs, n) -> new Times(
                        rs.getObject(1, Double.class),
                        rs.getObject(2, Double.class),
                        rs.getObject(3, Double.class),
                        rs.getObject(4, Double.class)))
                .single();
        boolean chinese = locale != null && "zh".equals(locale.getLanguage());
        List<CategoryCount> categories = jdbc.sql("select coalesce(k." + (chinese ? "name_zh" : "name_en")
                        + ", '—'), count(*)"
                        + base.replace(" where ", " left join ticket_categories k on k.id = t.category_id where ")
                        + " group by 1 order by 2 desc, 1 limit 5")
                .params(from, to)
                .query((rs, n) -> new CategoryCount(rs.getString(1), rs.getLong(2)))
                .list();
        long opened = weeks.stream().mapToLong(Week::tickets).sum();
        long open = jdbc.sql(
                        "select count(*) from service_tickets_view t join customer_profiles_view c on c.id = t.customer_id"
                                + " where t.status in " + TicketStatus.OPEN_SQL + owner)
                .query(Long.class)
                .single();
        return new Figures(opened, open, weeks, times, categories);
    }
}

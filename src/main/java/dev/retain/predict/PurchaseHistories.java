package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customers' purchase histories as the models read them, from paid orders up to a calibration end, however they were
 * imported: purchases on the same day count once; the first purchase is not a repeat; recency and age run from the
 * first purchase, in days of the company's time zone; spend is the average of the repeat purchases.
 */
@Component
public class PurchaseHistories {

    /** One customer's history; {@code spend} is null without repeat purchases. */
    public record CustomerHistory(long customerId, BgNbd.History history, GammaGamma.Spend spend) {}

    private final JdbcClient jdbc;
    private final CompanyZone zone;

    PurchaseHistories(JdbcClient jdbc, CompanyZone zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** Every customer with a paid order on or before {@code calibrationEnd}. */
    public List<CustomerHistory> asOf(LocalDate calibrationEnd, TimeUnitOfFit unit) {
        return sample(calibrationEnd, unit, 1);
    }

    /** The same for every {@code everyNth} customer (by id): a sample for a fit, read in a fraction of the time. */
    public List<CustomerHistory> sample(LocalDate calibrationEnd, TimeUnitOfFit unit, int everyNth) {
        return jdbc.sql("""
                        with days as (
                            select customer_id, (ordered_at at time zone :zone)::date as day, sum(base_amount) as amount
                            from paid_orders_view
                            where ordered_at < :end and customer_id % :everyNth = 0
                            group by customer_id, day),
                        numbered as (
                            select *, row_number() over (partition by customer_id order by day) as nth from days)
                        select customer_id, count(*) - 1 as repeats, max(day) - min(day) as recency_days,
                               :calibrationEnd - min(day) as age_days, avg(amount) filter (where nth > 1) as repeat_average
                        from numbered group by customer_id order by customer_id""")
                .param("zone", zone.zone().getId())
                .param("end", startOf(calibrationEnd.plusDays(1)))
                .param("calibrationEnd", Date.valueOf(calibrationEnd))
                .param("everyNth", everyNth)
                .query((rs, row) -> {
                    int repeats = rs.getInt(2);
                    var history = new BgNbd.History(repeats, unit.of(rs.getLong(3)), unit.of(rs.getLong(4)));
                    double average = rs.getDouble(5);
                    return new CustomerHistory(
                            rs.getLong(1), history, repeats == 0 ? null : new GammaGamma.Spend(repeats, average));
                })
                .list();
    }

    /**
     * Purchases (days with a paid order) after {@code calibrationEnd} up to and including {@code holdoutEnd}, per
     * customer who had bought by the calibration end; customers without any are left out.
     */
    public Map<Long, Integer> purchasesAfter(LocalDate calibrationEnd, LocalDate holdoutEnd) {
        Map<Long, Integer> purchases = new HashMap<>();
        jdbc.sql("""
                        select customer_id, count(distinct (ordered_at at time zone :zone)::date)
                        from paid_orders_view o
                        where ordered_at >= :from and ordered_at < :to
                          and exists (select 1 from paid_orders_view b where b.customer_id = o.customer_id and b.ordered_at < :from)
                        group by customer_id""")
                .param("zone", zone.zone().getId())
                .param("from", startOf(calibrationEnd.plusDays(1)))
                .param("to", startOf(holdoutEnd.plusDays(1)))
                .query(rs -> {
                    purchases.put(rs.getLong(1), rs.getInt(2));
                });
        return purchases;
    }

    private Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(zone.zone()).toInstant());
    }
}

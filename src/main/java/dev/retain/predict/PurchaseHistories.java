package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
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
        return jdbc.sql("""
                        with days as (
                            select customer_id, (ordered_at at time zone :zone)::date as day, sum(base_amount) as amount
                            from paid_orders_view
                            where ordered_at < :end
                            group by customer_id, day),
                        numbered as (
                            select *, row_number() over (partition by customer_id order by day) as nth from days)
                        select customer_id, count(*) - 1 as repeats, max(day) - min(day) as recency_days,
                               :calibrationEnd - min(day) as age_days, avg(amount) filter (where nth > 1) as repeat_average
                        from numbered group by customer_id order by customer_id""")
                .param("zone", zone.zone().getId())
                .param(
                        "end",
                        Timestamp.from(calibrationEnd
                                .plusDays(1)
                                .atStartOfDay(zone.zone())
                                .toInstant()))
                .param("calibrationEnd", Date.valueOf(calibrationEnd))
                .query((rs, row) -> {
                    int repeats = rs.getInt(2);
                    var history = new BgNbd.History(repeats, unit.of(rs.getLong(3)), unit.of(rs.getLong(4)));
                    double average = rs.getDouble(5);
                    return new CustomerHistory(
                            rs.getLong(1), history, repeats == 0 ? null : new GammaGamma.Spend(repeats, average));
                })
                .list();
    }
}

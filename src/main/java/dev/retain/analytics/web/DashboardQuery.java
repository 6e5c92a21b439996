package dev.retain.analytics.web;

import dev.retain.analytics.CustomerScope;
import dev.retain.analytics.Dashboards;
import dev.retain.analytics.Period;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The dashboard's filters as request parameters: {@code from} and {@code to} (ISO dates, both included; by default the
 * 30 days up to today), {@code segmentId} (a segment or tag), {@code region}, {@code ownerId}, {@code category}.
 */
record DashboardQuery(
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        Long segmentId,
        String region,
        Long ownerId,
        String category) {

    Period period(LocalDate today) {
        if (from == null && to == null) {
            return Period.endingOn(today, Dashboards.DEFAULT_DAYS);
        }
        if (from == null) {
            return Period.endingOn(to, Dashboards.DEFAULT_DAYS);
        }
        return new Period(from, to == null ? today : to);
    }

    CustomerScope scope() {
        return new CustomerScope(segmentId, region, ownerId, category);
    }
}

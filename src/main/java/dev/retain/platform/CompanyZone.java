package dev.retain.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The company's time zone (default Asia/Shanghai): "today" and every date shown are reckoned in it. */
public record CompanyZone(ZoneId zone) {

    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }
}

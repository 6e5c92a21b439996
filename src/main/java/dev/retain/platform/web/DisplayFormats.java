package dev.retain.platform.web;

import dev.retain.platform.CompanyZone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** How templates show times: in the company's time zone ({@code ${@dates.dateTime(x)}}). */
@Component("dates")
class DisplayFormats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final CompanyZone zone;

    DisplayFormats(CompanyZone zone) {
        this.zone = zone;
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone.zone()));
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(zone.zone()));
    }

    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}

package dev.retain.messaging;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Hours in the company's time zone when no SMS goes out, e.g. {@code 21:00-09:00} (over midnight). A message asked
 * for then is deferred to the end of the quiet hours, not dropped. Equal start and end mean none.
 */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    static QuietHours parse(String setting, ZoneId zone) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("off")) {
            return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
        }
        String[] ends = setting.strip().split("\\s*-\\s*");
        if (ends.length != 2) {
            throw new IllegalArgumentException("Quiet hours look like 21:00-09:00, not " + setting);
        }
        return new QuietHours(LocalTime.parse(ends[0]), LocalTime.parse(ends[1]), zone);
    }

    /** When quiet hours covering {@code now} end; empty when {@code now} is not in them. */
    Optional<Instant> endIfQuiet(Instant now) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean overMidnight = start.isAfter(end);
        boolean quiet = overMidnight
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.with(end).withSecond(0).withNano(0);
        return Optional.of((endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant());
    }
}

package dev.retain.sales.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.sales.FollowUps;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.stereotype.Component;

/** "My day": the viewer's customers whose next planned follow-up is today or already past. */
@Component
class MyDayFollowUps implements MyDaySection {

    static final int SHOWN = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final FollowUps followUps;
    private final CompanyZone zone;
    private final Clock clock;

    MyDayFollowUps(FollowUps followUps, CompanyZone zone, Clock clock) {
        this.followUps = followUps;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.ADMIN, Role.MANAGER, Role.SALES, Role.SERVICE),
                FOLLOW_UPS_ORDER,
                "myDay.followUps.title",
                "myDay.followUps.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return null;
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        Instant now = clock.instant();
        Instant endOfToday =
                zone.today(clock).plusDays(1).atStartOfDay(zone.zone()).toInstant();
        return Content.ofRows(followUps.dueFor(viewer.id(), endOfToday, SHOWN).stream()
                .map(due -> {
                    boolean overdue = due.nextFollowUpAt().isBefore(now);
                    return new Row(
                            due.customerName(),
                            "/customers/" + due.customerId(),
                            Note.of(
                                    overdue ? "myDay.followUps.overdue" : "myDay.followUps.dueToday",
                                    WHEN.format(due.nextFollowUpAt().atZone(zone.zone()))),
                            overdue ? Tone.BAD : Tone.WARNING);
                })
                .toList());
    }
}

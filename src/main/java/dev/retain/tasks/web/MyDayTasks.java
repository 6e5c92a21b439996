package dev.retain.tasks.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.stereotype.Component;

/** "My day": the viewer's open tasks due today, and those already overdue. */
@Component
class MyDayTasks implements MyDaySection {

    static final int SHOWN = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Tasks tasks;
    private final CompanyZone zone;
    private final Clock clock;

    MyDayTasks(Tasks tasks, CompanyZone zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.ADMIN, Role.MANAGER, Role.SALES, Role.SERVICE),
                TASKS_ORDER,
                "myDay.tasks.title",
                "myDay.tasks.empty");
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
        return Content.ofRows(tasks.openDueBefore(viewer.id(), endOfToday, SHOWN).stream()
                .map(task -> row(task, now))
                .toList());
    }

    private Row row(Task task, Instant now) {
        String due = WHEN.format(task.dueAt().atZone(zone.zone()));
        boolean overdue = task.dueAt().isBefore(now);
        return new Row(
                task.title() + " · " + task.customerName(),
                "/customers/" + task.customerId(),
                Note.of(overdue ? "home.tasks.overdue" : "home.tasks.dueToday", due),
                overdue ? Tone.BAD : Tone.WARNING);
    }
}

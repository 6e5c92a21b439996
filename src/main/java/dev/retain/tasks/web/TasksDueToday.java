package dev.retain.tasks.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** A person's open tasks due today and those already overdue, as rows: the home page and My day both show them. */
@Component
class TasksDueToday {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final Tasks tasks;
    private final CompanyZone zone;
    private final Clock clock;

    TasksDueToday(Tasks tasks, CompanyZone zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
    }

    Content of(long assigneeId, int shown) {
        Instant now = clock.instant();
        Instant endOfToday =
                zone.today(clock).plusDays(1).atStartOfDay(zone.zone()).toInstant();
        return Content.ofRows(tasks.openDueBefore(assigneeId, endOfToday, shown).stream()
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

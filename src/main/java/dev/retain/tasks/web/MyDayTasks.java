package dev.retain.tasks.web;

import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/** "My day": the viewer's open tasks due today, and those already overdue. */
@Component
class MyDayTasks implements MyDaySection {

    static final int SHOWN = 20;

    private final TasksDueToday due;

    MyDayTasks(TasksDueToday due) {
        this.due = due;
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
        return due.of(viewer.id(), SHOWN);
    }
}

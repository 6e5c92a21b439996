package dev.retain.tasks.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the home page of sales and service: the viewer's open tasks due today, and those already overdue. */
@Component
class MyTasksHomeBlock implements HomeBlock {

    static final int SHOWN = 8;

    private final TasksDueToday due;

    MyTasksHomeBlock(TasksDueToday due) {
        this.due = due;
    }

    /** There is no task list page yet: the viewer's customers are where the tasks are done. */
    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.SALES, Role.SERVICE), 10, "home.tasks.title", "home.tasks.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/customers?owner=" + viewer.id();
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return due.of(viewer.id(), SHOWN);
    }
}

package dev.retain.tasks.web;

import dev.retain.customers.ProfileSection;
import dev.retain.tasks.Tasks;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's tasks on the customer page. */
@Component
class TasksOnProfile implements ProfileSection {

    private final Tasks tasks;

    TasksOnProfile(Tasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public int order() {
        return 9;
    }

    @Override
    public String fragment() {
        return "tasks/profile :: tasks";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("tasks", tasks.ofCustomer(customerId));
    }
}

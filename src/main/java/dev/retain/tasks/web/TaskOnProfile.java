package dev.retain.tasks.web;

import dev.retain.customers.ProfileAction;
import dev.retain.platform.CompanyZone;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The quick action "create a task" on the customer page: for the customer's owner, due tomorrow unless changed. */
@Component
class TaskOnProfile implements ProfileAction {

    private final CompanyZone zone;
    private final Clock clock;

    TaskOnProfile(CompanyZone zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "task";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String fragment() {
        return "tasks/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "kinds",
                List.of("CALL", "VISIT", "MESSAGE", "OTHER"),
                "defaultDue",
                LocalDateTime.of(zone.today(clock).plusDays(1), LocalTime.of(10, 0)));
    }
}

package dev.retain.sales.web;

import dev.retain.customers.ProfileAction;
import dev.retain.platform.CompanyZone;
import dev.retain.sales.FollowUpKind;
import dev.retain.tasks.Tasks;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The quick action "record a follow-up" on the customer page: how, what was said, how it went, the next follow-up (a
 * week from now unless changed), and optionally the open task it completes.
 */
@Component
class FollowUpOnProfile implements ProfileAction {

    private final Tasks tasks;
    private final CompanyZone zone;
    private final Clock clock;

    FollowUpOnProfile(Tasks tasks, CompanyZone zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "follow-up";
    }

    @Override
    public int order() {
        return 25;
    }

    @Override
    public String fragment() {
        return "sales/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "kinds",
                List.of(FollowUpKind.values()),
                "openTasks",
                tasks.ofCustomer(customerId).stream()
                        .filter(task -> task.status().equals("OPEN"))
                        .toList(),
                "defaultNext",
                LocalDateTime.of(zone.today(clock).plusDays(7), LocalTime.of(10, 0)));
    }
}

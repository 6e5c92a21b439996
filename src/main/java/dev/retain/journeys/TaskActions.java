package dev.retain.journeys;

import dev.retain.platform.NotFoundException;
import dev.retain.platform.UserAccounts;
import dev.retain.tasks.Tasks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code create_task}: a follow-up for the customer's owner — {@code params.title}, {@code kind} (CALL by default,
 * VISIT, MESSAGE, OTHER), due {@code dueInDays} (1) after the step, an optional {@code note}; {@code assigneeId} gives
 * it to a given user instead (a manager, for an escalation). A call reaches the customer, so held-out entrants get
 * none.
 */
@Component
class TaskActions implements JourneyAction {

    private final Tasks tasks;
    private final Clock clock;
    private final UserAccounts users;

    TaskActions(Tasks tasks, Clock clock, UserAccounts users) {
        this.tasks = tasks;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "create_task";
    }

    @Override
    public boolean reachesCustomer() {
        return true;
    }

    @Override
    public List<String> problems(JsonNode params) {
        var problems = new ArrayList<String>();
        if (params.path("title").asString("").isBlank()) {
            problems.add("title: what the owner should do, e.g. 回访：优惠券未使用");
        }
        if (params.has("dueInDays") && params.get("dueInDays").asInt(-1) < 0) {
            problems.add("dueInDays: 0 or more");
        }
        if (params.has("assigneeId")) {
            try {
                users.find(params.get("assigneeId").asLong(0));
            } catch (NotFoundException e) {
                problems.add("assigneeId: no user " + params.get("assigneeId").asString());
            }
        }
        return problems;
    }

    @Override
    public void run(ActionContext context) {
        JsonNode p = context.params();
        tasks.create(
                context.customerId(),
                p.has("assigneeId") ? p.get("assigneeId").asLong() : null,
                p.path("kind").asString("CALL"),
                p.get("title").asString(),
                p.path("note").asString(null),
                clock.instant().plus(Duration.ofDays(p.path("dueInDays").asInt(1))),
                context.sourceRef(),
                context.idempotencyKey());
    }
}

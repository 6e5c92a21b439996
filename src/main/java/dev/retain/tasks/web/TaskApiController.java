package dev.retain.tasks.web;

import dev.retain.platform.UserAccounts;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tasks}: my open tasks, a customer's tasks, a new one, and closing one. */
@RestController
@Tag(name = "Tasks")
class TaskApiController {

    static final String WORKERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')";

    record TaskRequest(String kind, String title, String note, Instant dueAt, Long assigneeId) {}

    private final Tasks tasks;
    private final UserAccounts users;
    private final Clock clock;

    TaskApiController(Tasks tasks, UserAccounts users, Clock clock) {
        this.tasks = tasks;
        this.users = users;
        this.clock = clock;
    }

    /** The signed-in user's open tasks, soonest due first. */
    @GetMapping("/api/v1/tasks")
    List<Task> mine(Principal principal) {
        return users.findByUsername(principal.getName())
                .map(user -> tasks.openFor(user.id()))
                .orElse(List.of());
    }

    @GetMapping("/api/v1/customers/{id}/tasks")
    List<Task> ofCustomer(@PathVariable long id) {
        return tasks.ofCustomer(id);
    }

    @PostMapping("/api/v1/customers/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WORKERS)
    Task create(@PathVariable long id, @RequestBody TaskRequest request, Principal principal) {
        Instant due =
                request.dueAt() != null ? request.dueAt() : clock.instant().plus(Duration.ofDays(1));
        return tasks.create(
                id,
                request.assigneeId(),
                request.kind(),
                request.title(),
                request.note(),
                due,
                "user:" + principal.getName(),
                null);
    }

    @PostMapping("/api/v1/tasks/{id}/done")
    @PreAuthorize(WORKERS)
    Task done(@PathVariable long id) {
        return tasks.close(id, "DONE");
    }

    @PostMapping("/api/v1/tasks/{id}/cancel")
    @PreAuthorize(WORKERS)
    Task cancel(@PathVariable long id) {
        return tasks.close(id, "CANCELLED");
    }
}

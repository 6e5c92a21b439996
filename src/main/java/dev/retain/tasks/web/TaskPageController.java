package dev.retain.tasks.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.tasks.Tasks;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Creating a task from the customer page; due at the time given in the company's time zone, else in a day. */
@Controller
class TaskPageController {

    private final Tasks tasks;
    private final CompanyZone zone;
    private final Clock clock;

    TaskPageController(Tasks tasks, CompanyZone zone, Clock clock) {
        this.tasks = tasks;
        this.zone = zone;
        this.clock = clock;
    }

    @PostMapping("/customers/{customerId}/tasks")
    @PreAuthorize(TaskApiController.WORKERS)
    String create(
            @PathVariable long customerId,
            @RequestParam(defaultValue = "CALL") String kind,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime due,
            @RequestParam(required = false) String note,
            Principal principal,
            RedirectAttributes redirect) {
        Instant dueAt = due == null
                ? clock.instant().plus(Duration.ofDays(1))
                : due.atZone(zone.zone()).toInstant();
        try {
            tasks.create(
                    customerId,
                    null,
                    kind,
                    title,
                    note == null || note.isBlank() ? null : note.strip(),
                    dueAt,
                    "user:" + principal.getName(),
                    null);
            redirect.addFlashAttribute("message", "tasks.created");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("quickAction", "task");
            redirect.addFlashAttribute(
                    "quickActionError", String.join("; ", e.fieldErrors().values()));
            redirect.addFlashAttribute("taskTitle", title);
        }
        return "redirect:/customers/" + customerId;
    }
}

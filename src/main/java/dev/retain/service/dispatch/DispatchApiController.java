package dev.retain.service.dispatch;

import dev.retain.platform.ForbiddenException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/dispatch}: the ordered rules, teams' and agents' settings, one's own duty, the queue, and a ticket's
 * assignment history. Bad input is a problem naming each wrong field, and nothing is written.
 */
@RestController
@Tag(name = "Service desk")
class DispatchApiController {

    /** A rule: {@code condition} in the segments' condition language (a JSON object). */
    record RuleRequest(
            String name, JsonNode condition, Long teamId, Boolean ownerFirst, String language, Boolean active) {}

    record TeamRequest(Boolean autoAssign, String strategy, Integer defaultCap, Long calendarId) {}

    record AgentRequest(Boolean onDuty, Integer cap, List<Long> categories, List<String> languages) {}

    record DutyRequest(Boolean onDuty) {}

    /** One assignment of a ticket, as its history shows it. */
    record Assignment(
            Long fromAssigneeId,
            Long assigneeId,
            Long teamId,
            Long ruleId,
            String kind,
            String strategy,
            String actor,
            java.time.Instant at) {}

    private final DispatchRules rules;
    private final DispatchSettings settings;
    private final UserAccounts users;
    private final JdbcClient jdbc;

    DispatchApiController(DispatchRules rules, DispatchSettings settings, UserAccounts users, JdbcClient jdbc) {
        this.rules = rules;
        this.settings = settings;
        this.users = users;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/dispatch/rules")
    @PreAuthorize(DispatchAccess.MANAGE)
    List<DispatchRule> rules() {
        return rules.all();
    }

    @PostMapping("/api/v1/dispatch/rules")
    @PreAuthorize(DispatchAccess.MANAGE)
    ResponseEntity<DispatchRule> addRule(@RequestBody RuleRequest request) {
        return ResponseEntity.status(201).body(rules.add(draft(request)));
    }

    @PutMapping("/api/v1/dispatch/rules/{id}")
    @PreAuthorize(DispatchAccess.MANAGE)
    DispatchRule updateRule(@PathVariable long id, @RequestBody RuleRequest request) {
        return rules.update(id, draft(request));
    }

    @DeleteMapping("/api/v1/dispatch/rules/{id}")
    @PreAuthorize(DispatchAccess.MANAGE)
    ResponseEntity<Void> deleteRule(@PathVariable long id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/dispatch/teams")
    @PreAuthorize(DispatchAccess.MANAGE)
    List<TeamDispatch> teams() {
        return settings.teams();
    }

    @PutMapping("/api/v1/dispatch/teams/{teamId}")
    @PreAuthorize(DispatchAccess.MANAGE)
    TeamDispatch setTeam(@PathVariable long teamId, @RequestBody TeamRequest request) {
        if (request.defaultCap() == null) {
            throw new InvalidInputException("defaultCap", "is empty");
        }
        return settings.setTeam(new TeamDispatch(
                teamId,
                request.autoAssign() == null || request.autoAssign(),
                strategy(request.strategy()),
                request.defaultCap(),
                request.calendarId()));
    }

    @GetMapping("/api/v1/dispatch/agents/{userId}")
    @PreAuthorize(DispatchAccess.MANAGE)
    AgentDispatch agent(@PathVariable long userId) {
        return settings.agent(userId);
    }

    @PutMapping("/api/v1/dispatch/agents/{userId}")
    @PreAuthorize(DispatchAccess.MANAGE)
    AgentDispatch setAgent(@PathVariable long userId, @RequestBody AgentRequest request) {
        return settings.setAgent(new AgentDispatch(
                userId,
                Boolean.TRUE.equals(request.onDuty()),
                request.cap(),
                request.categories(),
                request.languages()));
    }

    /** The caller's own duty. */
    @PutMapping("/api/v1/dispatch/duty")
    @PreAuthorize(DispatchAccess.AGENT)
    AgentDispatch setDuty(@RequestBody DutyRequest request) {
        if (request.onDuty() == null) {
            throw new InvalidInputException("onDuty", "is empty (true or false)");
        }
        UserAccount me = users.current().orElseThrow(() -> new ForbiddenException("Only a signed-in agent has a duty"));
        return settings.setDuty(me.id(), request.onDuty());
    }

    @GetMapping("/api/v1/dispatch/queue")
    @PreAuthorize(DispatchAccess.AGENT)
    List<DispatchSettings.Queued> queue() {
        return settings.queue();
    }

    /** Who assigned the ticket when, and how (read within the caller's data scope: the ticket must be theirs to see). */
    @GetMapping("/api/v1/dispatch/tickets/{ticketId}/assignments")
    @PreAuthorize(DispatchAccess.AGENT)
    List<Assignment> assignments(@PathVariable long ticketId) {
        boolean visible = jdbc.sql("select count(*) from tickets where id = ?")
                        .param(ticketId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!visible) {
            throw new NotFoundException("Ticket", ticketId);
        }
        return jdbc.sql("""
                        select from_assignee_id, assignee_id, team_id, rule_id, kind, strategy, actor, at
                        from ticket_assignments where ticket_id = ? order by at, id""")
                .param(ticketId)
                .query((rs, n) -> new Assignment(
                        (Long) rs.getObject(1),
                        (Long) rs.getObject(2),
                        (Long) rs.getObject(3),
                        (Long) rs.getObject(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    private static DispatchRules.Draft draft(RuleRequest request) {
        return new DispatchRules.Draft(
                request.name(),
                request.condition() == null || request.condition().isNull()
                        ? null
                        : request.condition().toString(),
                request.teamId(),
                Boolean.TRUE.equals(request.ownerFirst()),
                request.language(),
                request.active() == null || request.active());
    }

    static DispatchStrategy strategy(String value) {
        if (value == null || value.isBlank()) {
            return DispatchStrategy.ROUND_ROBIN;
        }
        try {
            return DispatchStrategy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("strategy", "ROUND_ROBIN or LEAST_LOADED, not " + value);
        }
    }
}

package dev.retain.service.dispatch;

import dev.retain.platform.AuditLog;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccounts;
import dev.retain.service.TicketCategories;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Teams' and agents' dispatch settings, agents' duty and the queue as people see it. Every change is checked in full
 * before anything is written and audited; a change that can free capacity (an agent on duty, a larger cap) drains the
 * team's queue once it is committed.
 */
@Service
public class DispatchSettings {

    public static final int MAX_CAP = 1000;

    /** A ticket waiting in a team's queue, and for how long. */
    public record Queued(long ticketId, long number, String subject, long teamId, Instant queuedAt, Duration waiting) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Teams teams;
    private final UserAccounts users;
    private final BusinessCalendars calendars;
    private final TicketCategories categories;
    private final TicketDispatcher dispatcher;
    private final AuditLog audit;
    private final Clock clock;

    DispatchSettings(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Teams teams,
            UserAccounts users,
            BusinessCalendars calendars,
            TicketCategories categories,
            TicketDispatcher dispatcher,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.teams = teams;
        this.users = users;
        this.calendars = calendars;
        this.categories = categories;
        this.dispatcher = dispatcher;
        this.audit = audit;
        this.clock = clock;
    }

    /** The team's settings; a team never set up does not dispatch. */
    public TeamDispatch team(long teamId) {
        return dispatcher
                .teamSettings(teamId)
                .orElse(new TeamDispatch(teamId, false, DispatchStrategy.ROUND_ROBIN, 10, null));
    }

    /** @throws InvalidInputException naming each wrong field (an unknown team or calendar, a cap out of range) */
    public TeamDispatch setTeam(TeamDispatch settings) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (teams.list().stream().noneMatch(t -> t.id() == settings.teamId())) {
            throw new NotFoundException("Team", settings.teamId());
        }
        if (settings.strategy() == null) {
            problems.put("strategy", "is empty (ROUND_ROBIN or LEAST_LOADED)");
        }
        if (settings.defaultCap() < 0 || settings.defaultCap() > MAX_CAP) {
            problems.put("defaultCap", "between 0 and " + MAX_CAP);
        }
        if (settings.calendarId() != null
                && calendars.list().stream().noneMatch(c -> c.id() == settings.calendarId())) {
            problems.put("calendarId", "no calendar " + settings.calendarId());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        TeamDispatch before = team(settings.teamId());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into dispatch_teams (team_id, auto_assign, strategy, default_cap, calendar_id,
                                                        updated_at)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (team_id) do update set auto_assign = excluded.auto_assign,
                                strategy = excluded.strategy, default_cap = excluded.default_cap,
                                calendar_id = excluded.calendar_id, updated_at = excluded.updated_at""")
                    .params(
                            settings.teamId(),
                            settings.autoAssign(),
                            settings.strategy().name(),
                            settings.defaultCap(),
                            settings.calendarId(),
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record("update", "dispatch_team", settings.teamId(), before, settings);
        });
        dispatcher.drain(settings.teamId());
        return team(settings.teamId());
    }

    public List<TeamDispatch> teams() {
        return teams.list().stream().map(t -> team(t.id())).toList();
    }

    /** The agent's settings (off duty, the team's cap, every category, no language when never set). */
    public AgentDispatch agent(long userId) {
        return jdbc.sql("select user_id, on_duty, cap, categories, languages from dispatch_agents where user_id = ?")
                .param(userId)
                .query((rs, n) -> new AgentDispatch(
                        rs.getLong(1),
                        rs.getBoolean(2),
                        (Integer) rs.getObject(3),
                        List.of((Long[]) rs.getArray(4).getArray()),
                        List.of((String[]) rs.getArray(5).getArray())))
                .optional()
                .orElse(new AgentDispatch(userId, false, null, List.of(), List.of()));
    }

    /** @throws InvalidInputException a cap out of range, an unknown category, a malformed language */
    public AgentDispatch setAgent(AgentDispatch settings) {
        checkUser(settings.userId());
        Map<String, String> problems = new LinkedHashMap<>();
        if (settings.cap() != null && (settings.cap() < 0 || settings.cap() > MAX_CAP)) {
            problems.put("cap", "between 0 and " + MAX_CAP + ", or empty for the team's");
        }
        for (Long category : settings.categories()) {
            if (category == null || categories.find(category).isEmpty()) {
                problems.put("categories", "no category " + category);
            }
        }
        for (String language : settings.languages()) {
            if (language == null || !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?")) {
                problems.put("languages", "language codes such as zh or en, not " + language);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        AgentDispatch before = agent(settings.userId());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into dispatch_agents (user_id, on_duty, cap, categories, languages, updated_at)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (user_id) do update set on_duty = excluded.on_duty, cap = excluded.cap,
                                categories = excluded.categories, languages = excluded.languages,
                                updated_at = excluded.updated_at""")
                    .params(
                            settings.userId(),
                            settings.onDuty(),
                            settings.cap(),
                            settings.categories().toArray(Long[]::new),
                            settings.languages().toArray(String[]::new),
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record("update", "dispatch_agent", settings.userId(), before, settings);
        });
        drainTeamOf(settings.userId());
        return agent(settings.userId());
    }

    /** Puts the agent on or off duty; coming on duty takes waiting tickets at once. */
    public AgentDispatch setDuty(long userId, boolean onDuty) {
        checkUser(userId);
        AgentDispatch before = agent(userId);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into dispatch_agents (user_id, on_duty, updated_at) values (?, ?, ?)
                            on conflict (user_id) do update set on_duty = excluded.on_duty,
                                updated_at = excluded.updated_at""")
                    .params(userId, onDuty, Timestamp.from(clock.instant()))
                    .update();
            audit.record("duty", "dispatch_agent", userId, Map.of("onDuty", before.onDuty()), Map.of("onDuty", onDuty));
        });
        if (onDuty) {
            drainTeamOf(userId);
        }
        return agent(userId);
    }

    /** The tickets waiting in every team's queue, oldest first: those the viewer may see (a ticket goes with its customer). */
    public List<Queued> queue() {
        Instant now = clock.instant();
        return jdbc.sql("""
                        select t.id, t.number, t.subject, q.team_id, q.queued_at
                        from dispatch_queue q join tickets t on t.customer_id = q.customer_id and t.id = q.ticket_id
                        order by q.queued_at, q.ticket_id limit 500""")
                .query((rs, n) -> {
                    Instant at = rs.getTimestamp(5).toInstant();
                    return new Queued(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getLong(4),
                            at,
                            Duration.between(at, now));
                })
                .list();
    }

    /** The ticket's assignments, oldest first, with the names of the agents and rules involved. */
    public List<AssignmentLine> history(long ticketId) {
        List<AssignmentLine> lines = jdbc.sql("""
                        select a.kind, a.strategy, a.actor, a.at, a.rule_id, r.name, a.from_assignee_id, a.assignee_id
                        from ticket_assignments a left join dispatch_rules r on r.id = a.rule_id
                        where a.ticket_id = ? order by a.at, a.id""")
                .param(ticketId)
                .query((rs, n) -> new AssignmentLine(
                        AssignmentKind.valueOf(rs.getString(1)),
                        rs.getString(2) == null ? null : DispatchStrategy.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        (Long) rs.getObject(5),
                        rs.getString(6),
                        (Long) rs.getObject(7),
                        (Long) rs.getObject(8),
                        null))
                .list();
        var ids = new java.util.HashSet<Long>();
        lines.forEach(line -> {
            if (line.assigneeId() != null) {
                ids.add(line.assigneeId());
            }
        });
        Map<Long, String> names = ids.isEmpty() ? Map.of() : users.displayNames(ids);
        return lines.stream()
                .map(line -> new AssignmentLine(
                        line.kind(),
                        line.strategy(),
                        line.actor(),
                        line.at(),
                        line.ruleId(),
                        line.ruleName(),
                        line.fromAssigneeId(),
                        line.assigneeId(),
                        line.assigneeId() == null ? null : names.get(line.assigneeId())))
                .toList();
    }

    /** One assignment of a ticket: how, by whom (or which rule), from and to whom. */
    public record AssignmentLine(
            AssignmentKind kind,
            DispatchStrategy strategy,
            String actor,
            Instant at,
            Long ruleId,
            String ruleName,
            Long fromAssigneeId,
            Long assigneeId,
            String assigneeName) {}

    /** Whether the signed-in agent is on duty; null for someone who takes no tickets (the ticket list's toggle). */
    public Boolean myDuty() {
        return users.current()
                .filter(u -> u.roles().stream()
                        .anyMatch(r -> r == dev.retain.platform.Role.SERVICE
                                || r == dev.retain.platform.Role.MANAGER
                                || r == dev.retain.platform.Role.ADMIN))
                .map(u -> agent(u.id()).onDuty())
                .orElse(null);
    }

    private void drainTeamOf(long userId) {
        Optional<Long> team = teams.of(userId).map(dev.retain.platform.Team::id);
        team.ifPresent(dispatcher::drain);
    }

    private void checkUser(long userId) {
        if (users.list().stream().noneMatch(u -> u.id() == userId)) {
            throw new NotFoundException("User", userId);
        }
    }
}

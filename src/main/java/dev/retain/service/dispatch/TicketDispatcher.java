package dev.retain.service.dispatch;

import dev.retain.customers.Customers;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.Conditions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives tickets to agents. Every automatic assignment to an agent happens while holding the transaction-scoped advisory
 * lock of the agent's team, after counting the agent's open tickets in that transaction: two dispatches can never both
 * see the last free place of an agent, so no agent is ever put over their cap, however many instances and threads
 * dispatch at once. A new ticket joins its team's queue and the queue is drained oldest first, so it never overtakes a
 * ticket already waiting.
 */
@Component
public class TicketDispatcher {

    /** The first key of the advisory locks ("DSPT"); the second is the team id (or minus the user id without a team). */
    static final int LOCK_CLASS = 0x44535054;

    static final String ACTOR = "dispatch";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<Role> AGENT_ROLES = Set.of(Role.SERVICE, Role.MANAGER, Role.ADMIN);

    /** What dispatching a ticket did. */
    public enum Outcome {
        ASSIGNED,
        QUEUED,
        /** No rule and no team, or a team that does not dispatch: it waits for a person. */
        NOT_DISPATCHED,
        /** Assigned, solved or gone already. */
        SKIPPED
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DispatchRules rules;
    private final Conditions conditions;
    private final Customers customers;
    private final UserAccounts users;
    private final BusinessCalendars calendars;
    private final Clock clock;

    TicketDispatcher(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            DispatchRules rules,
            Conditions conditions,
            Customers customers,
            UserAccounts users,
            BusinessCalendars calendars,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.rules = rules;
        this.conditions = conditions;
        this.customers = customers;
        this.users = users;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Dispatches a new (or still unassigned) ticket: to a rule's team, the customer's owner first when asked. */
    public Outcome dispatch(long ticketId) {
        return ViewerScope.EVERYTHING.within(() -> transaction.execute(status -> dispatchNow(ticketId)));
    }

    /** Gives the team's waiting tickets, oldest first, to its agents with capacity; returns how many it gave. */
    public int drain(long teamId) {
        return ViewerScope.EVERYTHING.within(() -> transaction.execute(status -> {
            lockTeams(Set.of(teamId));
            return drainLocked(teamId, -1);
        }));
    }

    /** Drains every team with waiting tickets. */
    public int drainAll() {
        List<Long> teams = ViewerScope.EVERYTHING.within(
                () -> jdbc.sql("select distinct team_id from dispatch_queue order by team_id")
                        .query(Long.class)
                        .list());
        int given = 0;
        for (long team : teams) {
            given += drain(team);
        }
        return given;
    }

    private Outcome dispatchNow(long ticketId) {
        Optional<Waiting> found = jdbc.sql("""
                        select customer_id, id, category_id, team_id from tickets
                        where id = ? and assignee_id is null and merged_into is null
                          and status not in ('SOLVED', 'CLOSED')""")
                .param(ticketId)
                .query((rs, n) -> new Waiting(
                        rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), (Long) rs.getObject(4), null, null))
                .optional();
        if (found.isEmpty()) {
            return Outcome.SKIPPED;
        }
        Waiting ticket = found.get();
        // it takes its place in the queue by when it was opened: tickets dispatched at once keep the order they came in
        // the ticket.* condition fields read the ticket being dispatched from this transaction's setting
        jdbc.sql("select set_config('retain.dispatch_ticket', ?, true)")
                .param(Long.toString(ticketId))
                .query(String.class)
                .single();
        DispatchRule rule = firstMatching(ticket.customerId());
        Long teamId = rule != null ? Long.valueOf(rule.teamId()) : ticket.teamId();
        if (rule != null && !teamId.equals(ticket.teamId())) {
            jdbc.sql("update tickets set team_id = ? where customer_id = ? and id = ?")
                    .params(teamId, ticket.customerId(), ticketId)
                    .update();
        }
        Long ownerId = rule != null && rule.ownerFirst()
                ? customers.find(ticket.customerId()).ownerId()
                : null;
        Long ownerTeam = ownerId == null ? null : teamOf(ownerId);
        Set<Long> lockKeys = new TreeSet<>();
        if (teamId != null) {
            lockKeys.add(teamId);
        }
        if (ownerId != null) {
            lockKeys.add(ownerTeam != null ? ownerTeam : -ownerId);
        }
        lockTeams(lockKeys);
        if (ownerId != null && ownerMayTake(ownerId, ownerTeam)) {
            assign(ticket, ownerId, teamId, rule, AssignmentKind.OWNER_FIRST, null);
            return Outcome.ASSIGNED;
        }
        if (teamId == null) {
            return Outcome.NOT_DISPATCHED;
        }
        Optional<TeamDispatch> team = teamSettings(teamId);
        if (team.isEmpty() || !team.get().autoAssign()) {
            return Outcome.NOT_DISPATCHED;
        }
        jdbc.sql("""
                        insert into dispatch_queue (customer_id, ticket_id, team_id, rule_id, language, queued_at)
                        select customer_id, id, ?, ?, ?, created_at from tickets where customer_id = ? and id = ?
                        on conflict do nothing""")
                .params(
                        teamId,
                        rule == null ? null : rule.id(),
                        rule == null ? null : rule.language(),
                        ticket.customerId(),
                        ticketId)
                .update();
        drainLocked(teamId, ticketId);
        boolean assigned = jdbc.sql("select assignee_id is not null from tickets where customer_id = ? and id = ?")
                .params(ticket.customerId(), ticketId)
                .query(Boolean.class)
                .single();
        return assigned ? Outcome.ASSIGNED : Outcome.QUEUED;
    }

    private DispatchRule firstMatching(long customerId) {
        for (DispatchRule rule : rules.active()) {
            var condition = conditions.parse(JSON.readTree(rule.condition()));
            if (!conditions.matchingAmong(condition, List.of(customerId)).isEmpty()) {
                return rule;
            }
        }
        return null;
    }

    /** Call with the team's lock held; {@code fresh} is the ticket being dispatched now (its assignment is by rule). */
    private int drainLocked(long teamId, long fresh) {
        Optional<TeamDispatch> team = teamSettings(teamId);
        if (team.isEmpty() || !team.get().autoAssign()) {
            return 0;
        }
        List<Candidate> candidates = candidates(team.get());
        Long last = jdbc.sql("select last_agent_id from dispatch_teams where team_id = ?")
                .param(teamId)
                .query(Long.class)
                .optional()
                .orElse(null);
        List<Waiting> queue = jdbc.sql("""
                        select q.customer_id, q.ticket_id, t.category_id, t.team_id, q.rule_id, q.language,
                               t.assignee_id is null and t.merged_into is null
                                   and t.status not in ('SOLVED', 'CLOSED') and t.team_id = q.team_id as waiting
                        from dispatch_queue q
                        join tickets t on t.customer_id = q.customer_id and t.id = q.ticket_id
                        where q.team_id = ?
                        order by q.queued_at, q.ticket_id
                        limit 1000""")
                .param(teamId)
                .query((rs, n) -> rs.getBoolean(7)
                        ? new Waiting(
                                rs.getLong(1),
                                rs.getLong(2),
                                (Long) rs.getObject(3),
                                (Long) rs.getObject(4),
                                (Long) rs.getObject(5),
                                rs.getString(6))
                        : new Waiting(rs.getLong(1), rs.getLong(2), null, null, null, null))
                .list();
        int given = 0;
        for (Waiting ticket : queue) {
            if (ticket.teamId() == null) {
                // assigned by a person, solved or moved meanwhile: it waits no more
                unqueue(ticket);
                continue;
            }
            if (candidates.stream().noneMatch(Candidate::hasRoom)) {
                break;
            }
            Candidate chosen = choose(team.get().strategy(), candidates, ticket, last);
            if (chosen == null) {
                continue; // nobody with its skills has room: later tickets may still fit others
            }
            DispatchRule rule =
                    ticket.ruleId() == null ? null : rules.find(ticket.ruleId()).orElse(null);
            assign(
                    ticket,
                    chosen.userId,
                    teamId,
                    rule,
                    ticket.ticketId() == fresh ? AssignmentKind.RULE : AssignmentKind.QUEUE,
                    team.get().strategy());
            chosen.load++;
            chosen.lastAssignedAt = clock.instant();
            last = chosen.userId;
            given++;
        }
        if (given > 0) {
            jdbc.sql("update dispatch_teams set last_agent_id = ? where team_id = ?")
                    .params(last, teamId)
                    .update();
        }
        return given;
    }

    /** The agent the strategy gives the ticket to, among those with room and the skills, or null. */
    static Candidate choose(DispatchStrategy strategy, List<Candidate> candidates, Waiting ticket, Long last) {
        List<Candidate> able = candidates.stream()
                .filter(c -> c.hasRoom() && c.canTake(ticket))
                .toList();
        if (able.isEmpty()) {
            return null;
        }
        return switch (strategy) {
            case ROUND_ROBIN ->
                able.stream()
                        .filter(c -> last == null || c.userId > last)
                        .findFirst()
                        .orElse(able.get(0));
            case LEAST_LOADED ->
                able.stream()
                        .min(Comparator.<Candidate>comparingLong(c -> c.load)
                                .thenComparing(c -> c.lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparingLong(c -> c.userId))
                        .orElseThrow();
        };
    }

    /** The team's agents who may take tickets now (on duty, enabled, in working hours), by user id, with their load. */
    private List<Candidate> candidates(TeamDispatch team) {
        if (team.calendarId() != null && !calendars.find(team.calendarId()).isWorkingTime(clock.instant())) {
            return List.of();
        }
        Map<Long, UserAccount> agents = agents();
        return jdbc
                .sql("""
                        select a.user_id, coalesce(a.cap, ?) as cap, a.categories, a.languages, a.last_assigned_at,
                               (select count(*) from tickets t
                                where t.assignee_id = a.user_id and t.status not in ('SOLVED', 'CLOSED')) as load
                        from team_members m join dispatch_agents a on a.user_id = m.user_id
                        where m.team_id = ? and a.on_duty
                        order by a.user_id""")
                .params(team.defaultCap(), team.teamId())
                .query((rs, n) -> new Candidate(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getLong(6),
                        longs(rs.getArray(3)),
                        strings(rs.getArray(4)),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list()
                .stream()
                .filter(c -> agents.containsKey(c.userId))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Whether the customer's owner may take one more ticket now: an agent on duty, under their cap, in working hours. */
    private boolean ownerMayTake(long ownerId, Long ownerTeam) {
        if (!agents().containsKey(ownerId)) {
            return false;
        }
        Optional<TeamDispatch> team = ownerTeam == null ? Optional.empty() : teamSettings(ownerTeam);
        if (team.isPresent()
                && team.get().calendarId() != null
                && !calendars.find(team.get().calendarId()).isWorkingTime(clock.instant())) {
            return false;
        }
        Integer teamCap = team.map(TeamDispatch::defaultCap).orElse(null);
        return jdbc.sql("""
                        select coalesce(a.cap, ?::int, 0) > (select count(*) from tickets t
                            where t.assignee_id = a.user_id and t.status not in ('SOLVED', 'CLOSED'))
                        from dispatch_agents a where a.user_id = ? and a.on_duty""")
                .params(teamCap, ownerId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private void assign(
            Waiting ticket,
            long agentId,
            Long teamId,
            DispatchRule rule,
            AssignmentKind kind,
            DispatchStrategy strategy) {
        Timestamp now = Timestamp.from(clock.instant());
        String before = jdbc.sql("""
                        update tickets t set assignee_id = ?, team_id = coalesce(?, t.team_id), updated_at = ?,
                               version = t.version + 1,
                               status = case when t.status = 'NEW' then 'OPEN' else t.status end
                        from (select customer_id, id, status from tickets where customer_id = ? and id = ? for update) o
                        where t.customer_id = o.customer_id and t.id = o.id and t.assignee_id is null
                        returning o.status""")
                .params(agentId, teamId, now, ticket.customerId(), ticket.ticketId())
                .query(String.class)
                .optional()
                .orElse(null);
        unqueue(ticket);
        if (before == null) {
            return;
        }
        if (before.equals("NEW")) {
            jdbc.sql("""
                            insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason,
                                                               actor, at)
                            values (?, ?, 'NEW', 'OPEN', 'CHANGED', ?, ?)""")
                    .params(ticket.customerId(), ticket.ticketId(), ACTOR, now)
                    .update();
        }
        jdbc.sql("""
                        insert into ticket_assignments (customer_id, ticket_id, from_assignee_id, assignee_id, team_id,
                                                        rule_id, kind, strategy, actor, at)
                        values (?, ?, null, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ticket.customerId(),
                        ticket.ticketId(),
                        agentId,
                        teamId,
                        rule == null ? null : rule.id(),
                        kind.name(),
                        strategy == null ? null : strategy.name(),
                        ACTOR,
                        now)
                .update();
        jdbc.sql("update dispatch_agents set last_assigned_at = ? where user_id = ?")
                .params(now, agentId)
                .update();
    }

    private void unqueue(Waiting ticket) {
        jdbc.sql("delete from dispatch_queue where customer_id = ? and ticket_id = ?")
                .params(ticket.customerId(), ticket.ticketId())
                .update();
    }

    /** Takes the advisory locks of the teams (negative keys: users without a team), in order, so none deadlock. */
    private void lockTeams(Set<Long> keys) {
        for (long key : new TreeSet<>(keys)) {
            jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                    .params(LOCK_CLASS, (int) key)
                    .query((rs, n) -> 1)
                    .single();
        }
    }

    private Long teamOf(long userId) {
        return jdbc.sql("select team_id from team_members where user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    Optional<TeamDispatch> teamSettings(long teamId) {
        return jdbc.sql("select team_id, auto_assign, strategy, default_cap, calendar_id from dispatch_teams"
                        + " where team_id = ?")
                .param(teamId)
                .query((rs, n) -> new TeamDispatch(
                        rs.getLong(1), rs.getBoolean(2), DispatchStrategy.valueOf(rs.getString(3)), rs.getInt(4), (Long)
                                rs.getObject(5)))
                .optional();
    }

    private Map<Long, UserAccount> agents() {
        return users.withAnyRole(AGENT_ROLES).stream()
                .filter(UserAccount::enabled)
                .collect(Collectors.toMap(UserAccount::id, Function.identity(), (a, b) -> a));
    }

    private static List<Long> longs(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** A ticket to give (team null: it waits no more), with the rule that sent it and the language it needs. */
    record Waiting(long customerId, long ticketId, Long categoryId, Long teamId, Long ruleId, String language) {}

    /** An agent who may take tickets, with their open tickets counted under the team's lock. */
    static final class Candidate {
        final long userId;
        final int cap;
        long load;
        final List<Long> categories;
        final List<String> languages;
        Instant lastAssignedAt;

        Candidate(
                long userId,
                int cap,
                long load,
                List<Long> categories,
                List<String> languages,
                Instant lastAssignedAt) {
            this.userId = userId;
            this.cap = cap;
            this.load = load;
            this.categories = categories;
            this.languages = languages;
            this.lastAssignedAt = lastAssignedAt;
        }

        boolean hasRoom() {
            return load < cap;
        }

        boolean canTake(Waiting ticket) {
            return (categories.isEmpty() || ticket.categoryId() == null || categories.contains(ticket.categoryId()))
                    && (ticket.language() == null || languages.contains(ticket.language()));
        }
    }
}

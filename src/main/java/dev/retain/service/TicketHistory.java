package dev.retain.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets that happened before or elsewhere (the demo company's past, later an import from another help desk), loaded
 * in bulk: one statement per kind of change for many tickets, with the same rules as the desk's own work (the first
 * public reply is the first response, a customer's reply reopens a solved ticket, every move is in the history) but
 * no events for journeys — history enrols no one. Runs as the application.
 */
@Service
public class TicketHistory {

    /** A ticket as it was opened, with the customer's first message. */
    public record PastTicket(
            long customerId,
            String subject,
            String body,
            String customerName,
            TicketChannel channel,
            Long categoryId,
            TicketPriority priority,
            Long assigneeId,
            Long teamId,
            Instant at) {}

    /** A message written on a ticket: by the customer (public), or by an agent (a reply or an internal note). */
    public record PastMessage(
            long ticketId,
            AuthorKind author,
            Long userId,
            String authorName,
            Visibility visibility,
            String body,
            Instant at) {}

    /** A ticket moved to a status by someone. */
    public record PastMove(long ticketId, TicketStatus to, Instant at, String actor) {}

    private final JdbcClient jdbc;

    TicketHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the tickets (OPEN when assigned, else NEW) with their first message; answers their ids, in order. */
    @Transactional
    public List<Long> open(List<PastTicket> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        int n = tickets.size();
        Long[] customers = new Long[n];
        String[] subjects = new String[n];
        String[] channels = new String[n];
        Long[] categories = new Long[n];
        String[] priorities = new String[n];
        Long[] assignees = new Long[n];
        Long[] teams = new Long[n];
        Timestamp[] at = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            PastTicket t = tickets.get(i);
            customers[i] = t.customerId();
            subjects[i] = t.subject();
            channels[i] = t.channel().name();
            categories[i] = t.categoryId();
            priorities[i] = t.priority().name();
            assignees[i] = t.assigneeId();
            teams[i] = t.teamId();
            at[i] = Timestamp.from(t.at());
        }
        List<Long> ids = jdbc.sql("""
                        insert into tickets (customer_id, subject, channel, category_id, priority, status, assignee_id,
                                             team_id, created_by, created_at, updated_at)
                        select customer_id, subject, channel, category_id, priority,
                               case when assignee_id is null then 'NEW' else 'OPEN' end, assignee_id, team_id,
                               'history', at, at
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[],
                                    ?::timestamptz[]) with ordinality
                             as t (customer_id, subject, channel, category_id, priority, assignee_id, team_id, at, n)
                        order by n
                        returning id""")
                .params(customers, subjects, channels, categories, priorities, assignees, teams, at)
                .query(Long.class)
                .list();
        jdbc.sql("""
                        insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                        select customer_id, id, null, status, 'CREATED', 'history', created_at
                        from tickets where id = any (?)""").param(ids.toArray(Long[]::new)).update();
        messages(java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new PastMessage(
                        ids.get(i),
                        AuthorKind.CUSTOMER,
                        null,
                        tickets.get(i).customerName(),
                        Visibility.PUBLIC,
                        tickets.get(i).body(),
                        tickets.get(i).at()))
                .toList());
        return ids;
    }

    /**
     * Adds the messages: an agent's first public reply is the ticket's first response and moves a NEW ticket to OPEN;
     * a customer's message reopens a solved ticket.
     */
    @Transactional
    public void messages(List<PastMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        int n = messages.size();
        Long[] tickets = new Long[n];
        String[] authors = new String[n];
        Long[] users = new Long[n];
        String[] names = new String[n];
        String[] visibilities = new String[n];
        String[] bodies = new String[n];
        Timestamp[] at = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            PastMessage m = messages.get(i);
            tickets[i] = m.ticketId();
            authors[i] = m.author().name();
            users[i] = m.userId();
            names[i] = m.authorName() == null ? "" : m.authorName();
            visibilities[i] = m.visibility().name();
            bodies[i] = m.body();
            at[i] = Timestamp.from(m.at());
        }
        jdbc.sql("""
                        insert into ticket_messages (customer_id, ticket_id, author_kind, author_user_id, author_name,
                                                     visibility, body, created_at)
                        select t.customer_id, m.ticket_id, m.author, m.user_id, m.name, m.visibility, m.body, m.at
                        from unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                    ?::timestamptz[]) as m (ticket_id, author, user_id, name, visibility, body, at)
                        join tickets t on t.id = m.ticket_id""")
                .params(tickets, authors, users, names, visibilities, bodies, at)
                .update();
        // the first public reply of an agent: the first response, and a new ticket is being worked on
        jdbc.sql("""
                        with first as (
                            select m.ticket_id, min(m.at) as at
                            from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[]) as m (ticket_id, author, visibility, at)
                            where m.author = 'AGENT' and m.visibility = 'PUBLIC' group by m.ticket_id),
                        moved as (
                            insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                            select t.customer_id, t.id, 'NEW', 'OPEN', 'AGENT_REPLIED', 'history', f.at
                            from first f join tickets t on t.id = f.ticket_id where t.status = 'NEW')
                        update tickets t set first_response_at = coalesce(t.first_response_at, f.at),
                                             status = case when t.status = 'NEW' then 'OPEN' else t.status end,
                                             updated_at = greatest(t.updated_at, f.at)
                        from first f where t.id = f.ticket_id""").params(tickets, authors, visibilities, at).update();
        // a customer's message on a solved ticket reopens it
        jdbc.sql("""
                        with replies as (
                            select m.ticket_id, min(m.at) as at
                            from unnest(?::bigint[], ?::text[], ?::timestamptz[]) as m (ticket_id, author, at)
                            where m.author = 'CUSTOMER' group by m.ticket_id),
                        reopened as (
                            insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                            select t.customer_id, t.id, 'SOLVED', 'OPEN', 'REOPENED', 'history', r.at
                            from replies r join tickets t on t.id = r.ticket_id where t.status = 'SOLVED')
                        update tickets t set status = 'OPEN', reopen_count = t.reopen_count + 1, solved_at = null,
                                             updated_at = r.at
                        from replies r where t.id = r.ticket_id and t.status = 'SOLVED'""").params(tickets, authors, at).update();
    }

    /** Moves the tickets (one move each per call) and keeps the moves in their history. */
    @Transactional
    public void moves(List<PastMove> moves) {
        if (moves.isEmpty()) {
            return;
        }
        int n = moves.size();
        Long[] tickets = new Long[n];
        String[] statuses = new String[n];
        Timestamp[] at = new Timestamp[n];
        String[] actors = new String[n];
        for (int i = 0; i < n; i++) {
            tickets[i] = moves.get(i).ticketId();
            statuses[i] = moves.get(i).to().name();
            at[i] = Timestamp.from(moves.get(i).at());
            actors[i] = moves.get(i).actor();
        }
        jdbc.sql("""
                        with m as (select * from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::text[])
                                   as m (ticket_id, status, at, actor)),
                        history as (
                            insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                            select t.customer_id, t.id, t.status, m.status, 'CHANGED', m.actor, m.at
                            from m join tickets t on t.id = m.ticket_id where t.status <> m.status)
                        update tickets t set status = m.status, updated_at = m.at,
                               solved_at = case when m.status = 'SOLVED' then m.at
                                                when m.status = 'CLOSED' then coalesce(t.solved_at, m.at) end,
                               closed_at = case when m.status = 'CLOSED' then m.at end
                        from m where t.id = m.ticket_id and t.status <> m.status""").params(tickets, statuses, at, actors).update();
    }

    /** Merges a duplicate into the ticket that stays, as the desk does (closed, with a pointer and a line). */
    @Transactional
    public void merge(long duplicateId, long survivorId, Instant at, String actor) {
        Timestamp when = Timestamp.from(at);
        jdbc.sql("""
                        insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                        select customer_id, id, status, 'CLOSED', 'MERGED', ?, ? from tickets where id = ?""").params(actor, when, duplicateId).update();
        jdbc.sql("""
                        update tickets set status = 'CLOSED', merged_into = ?, closed_at = ?, updated_at = ?
                        where id = ? and customer_id = (select customer_id from tickets where id = ?)""").params(survivorId, when, when, duplicateId, survivorId).update();
        jdbc.sql("""
                        insert into ticket_messages (customer_id, ticket_id, author_kind, author_name, visibility, body, created_at)
                        select s.customer_id, s.id, 'SYSTEM', ?, 'INTERNAL', 'Merged #' || d.number || ' (' || d.subject || ') into this ticket', ?
                        from tickets s join tickets d on d.id = ? and d.customer_id = s.customer_id where s.id = ?""").params(actor, when, duplicateId, survivorId).update();
    }
}

package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Working on tickets: the thread (agents' replies and notes, customers' messages — a reply to a solved ticket within
 * the reopen days reopens it, a later one starts a new ticket), status moves along the allowed ones, assignment,
 * priority and category, and merging a duplicate into the ticket that stays. Each change finds the ticket within the
 * viewer's scope first, then writes as the application (see {@link TicketStore}); status moves and merges are audited.
 */
@Service
public class TicketWork {

    /** What a customer's message did: added to the ticket, reopened it, or started a new one; or was seen before. */
    public record CustomerMessage(Ticket ticket, TicketMessage message, boolean newTicket, boolean duplicate) {}

    /** What a bulk action did: how many tickets changed, and why the others did not (by ticket number). */
    public record BulkResult(int changed, Map<String, String> refused) {}

    private final Tickets tickets;
    private final TicketStore store;
    private final TicketCategories categories;
    private final ServiceSettings settings;
    private final UserAccounts users;
    private final Clock clock;

    TicketWork(
            Tickets tickets,
            TicketStore store,
            TicketCategories categories,
            ServiceSettings settings,
            UserAccounts users,
            Clock clock) {
        this.tickets = tickets;
        this.store = store;
        this.categories = categories;
        this.settings = settings;
        this.users = users;
        this.clock = clock;
    }

    /**
     * The ticket's thread, oldest first, with the messages of the tickets merged into it; internal notes too (the
     * thread is the desk's view; the portal will show public ones only).
     */
    public List<TicketMessage> thread(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        return store.jdbc()
                .sql("select " + TicketRows.MESSAGE_COLUMNS + " from ticket_messages where customer_id = ?"
                        + " and (ticket_id = ? or ticket_id in (select id from tickets where customer_id = ?"
                        + " and merged_into = ?)) order by created_at, id")
                .params(ticket.customerId(), ticketId, ticket.customerId(), ticketId)
                .query(TicketRows::message)
                .list();
    }

    /** The ticket's status history, oldest first. */
    public List<TicketStatusChange> history(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        return store.jdbc()
                .sql("""
                        select ticket_id, from_status, to_status, reason, actor, at from ticket_status_changes
                        where customer_id = ? and ticket_id = ? order by at, id""")
                .params(ticket.customerId(), ticketId)
                .query((rs, n) -> new TicketStatusChange(
                        rs.getLong(1),
                        rs.getString(2) == null ? null : TicketStatus.valueOf(rs.getString(2)),
                        TicketStatus.valueOf(rs.getString(3)),
                        StatusChangeReason.valueOf(rs.getString(4)),
                        rs.getString(5),
                        TicketRows.instant(rs.getTimestamp(6))))
                .list();
    }

    /** The tickets merged into this one. */
    public List<Ticket> mergedInto(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM
                        + "where t.customer_id = ? and t.merged_into = ? order by t.created_at")
                .params(ticket.customerId(), ticketId)
                .query(TicketRows::ticket)
                .list();
    }

    /**
     * An agent's reply to the customer ({@link Visibility#PUBLIC}) or internal note, by the signed-in user. The first
     * public reply is the ticket's first response; it moves a NEW ticket to OPEN.
     *
     * @throws InvalidInputException an empty or too long body
     * @throws ConflictException the ticket is closed (a new ticket is opened instead)
     */
    public TicketMessage reply(long ticketId, String body, Visibility visibility) {
        String text = body(body);
        Visibility shown = visibility == null ? Visibility.PUBLIC : visibility;
        Ticket seen = tickets.find(ticketId);
        Optional<UserAccount> agent = users.current();
        String actor = AuditLog.currentActor();
        return store.unscoped(() -> {
            Ticket ticket = locked(seen);
            if (ticket.status() == TicketStatus.CLOSED) {
                throw new ConflictException("Ticket " + ticket.reference() + " is closed; open a new ticket instead");
            }
            Instant now = clock.instant();
            long id = store.insertMessage(
                    ticket.customerId(),
                    ticket.id(),
                    AuthorKind.AGENT,
                    agent.map(UserAccount::id).orElse(null),
                    agent.map(UserAccount::displayName).orElse(actor),
                    shown,
                    text,
                    null,
                    now);
            boolean firstResponse = shown == Visibility.PUBLIC && ticket.firstResponseAt() == null;
            TicketStatus status = shown == Visibility.PUBLIC && ticket.status() == TicketStatus.NEW
                    ? TicketStatus.OPEN
                    : ticket.status();
            store.jdbc()
                    .sql("""
                            update tickets set updated_at = ?, status = ?, version = version + 1,
                                   first_response_at = case when ? then cast(? as timestamptz) else first_response_at end
                            where customer_id = ? and id = ?""")
                    .params(
                            TicketRows.timestamp(now),
                            status.name(),
                            firstResponse,
                            TicketRows.timestamp(now),
                            ticket.customerId(),
                            ticket.id())
                    .update();
            if (status != ticket.status()) {
                store.recordStatus(
                        ticket.customerId(),
                        ticket.id(),
                        ticket.status(),
                        status,
                        StatusChangeReason.AGENT_REPLIED,
                        actor,
                        now);
            }
            return message(ticket.customerId(), id);
        });
    }

    /**
     * A message from the customer about the ticket (by mail, the portal, the API). A message whose Message-ID the
     * ticket has already is skipped. A solved ticket within the reopen days is reopened (OPEN, its reopen count up);
     * a closed one, or one solved longer ago, gets a new ticket with the same subject instead; a ticket waiting for
     * the customer goes back to OPEN.
     */
    public CustomerMessage customerWrites(long ticketId, String body, String messageId) {
        String text = body(body);
        String mailId = messageId == null || messageId.isBlank() ? null : messageId.strip();
        Ticket seen = tickets.find(ticketId);
        DeskSettings desk = settings.current();
        String actor = AuditLog.currentActor();
        Instant now = clock.instant();
        boolean startsNew = seen.status() == TicketStatus.CLOSED
                || (seen.status() == TicketStatus.SOLVED
                        && seen.solvedAt() != null
                        && seen.solvedAt()
                                .plus(Duration.ofDays(desk.reopenDays()))
                                .isBefore(now));
        if (mailId != null) {
            Optional<TicketMessage> earlier = byMessageId(seen, mailId);
            if (earlier.isPresent()) {
                return new CustomerMessage(seen, earlier.get(), false, true);
            }
        }
        if (startsNew) {
            Ticket opened = tickets.open(new NewTicket(
                    seen.customerId(),
                    null,
                    null,
                    null,
                    seen.subject(),
                    text,
                    seen.channel() == TicketChannel.PHONE || seen.channel() == TicketChannel.AGENT
                            ? TicketChannel.API
                            : seen.channel(),
                    seen.categoryId() != null
                                    && categories
                                            .find(seen.categoryId())
                                            .map(TicketCategory::active)
                                            .orElse(false)
                            ? seen.categoryId()
                            : null,
                    seen.priority(),
                    null,
                    seen.teamId(),
                    null,
                    seen.productSku(),
                    seen.tags(),
                    mailId));
            TicketMessage first = thread(opened.id()).get(0);
            return new CustomerMessage(opened, first, true, false);
        }
        TicketMessage message = store.unscoped(() -> {
            Ticket ticket = locked(seen);
            long id = store.insertMessage(
                    ticket.customerId(),
                    ticket.id(),
                    AuthorKind.CUSTOMER,
                    null,
                    ticket.customerName() == null ? "customer" : ticket.customerName(),
                    Visibility.PUBLIC,
                    text,
                    mailId,
                    now);
            TicketStatus to = ticket.status();
            StatusChangeReason reason = null;
            int reopens = ticket.reopenCount();
            if (ticket.status() == TicketStatus.SOLVED) {
                to = TicketStatus.OPEN;
                reason = StatusChangeReason.REOPENED;
                reopens++;
            } else if (ticket.status() == TicketStatus.PENDING_CUSTOMER) {
                to = TicketStatus.OPEN;
                reason = StatusChangeReason.CUSTOMER_REPLIED;
            }
            store.jdbc()
                    .sql("""
                            update tickets set status = ?, reopen_count = ?, updated_at = ?, version = version + 1,
                                   solved_at = case when ? then null else solved_at end
                            where customer_id = ? and id = ?""")
                    .params(
                            to.name(),
                            reopens,
                            TicketRows.timestamp(now),
                            reason == StatusChangeReason.REOPENED,
                            ticket.customerId(),
                            ticket.id())
                    .update();
            if (reason != null) {
                store.recordStatus(ticket.customerId(), ticket.id(), ticket.status(), to, reason, actor, now);
            }
            if (reason == StatusChangeReason.REOPENED) {
                store.publish(new TicketReopened(ticket.id(), ticket.number(), ticket.customerId(), reopens, now));
            }
            return message(ticket.customerId(), id);
        });
        return new CustomerMessage(tickets.find(ticketId), message, false, false);
    }

    /**
     * Moves the ticket to another status, if the move is allowed from where it stands.
     *
     * @throws InvalidInputException naming {@code status} when the move is not allowed
     */
    public Ticket changeStatus(long ticketId, TicketStatus to) {
        if (to == null) {
            throw new InvalidInputException("status", "is empty");
        }
        Ticket seen = tickets.find(ticketId);
        String actor = AuditLog.currentActor();
        return store.unscoped(() -> {
            Ticket ticket = locked(seen);
            if (!ticket.status().mayMoveTo(to)) {
                throw new InvalidInputException(
                        "status",
                        "a ticket " + ticket.status() + " cannot move to " + to + " (it may move to "
                                + ticket.status().next() + ")");
            }
            Instant now = clock.instant();
            store.jdbc()
                    .sql("""
                            update tickets set status = ?, updated_at = ?, version = version + 1,
                                   solved_at = case when ? then cast(? as timestamptz)
                                                    when ? then coalesce(solved_at, cast(? as timestamptz))
                                                    else null end,
                                   closed_at = case when ? then cast(? as timestamptz) else null end
                            where customer_id = ? and id = ?""")
                    .params(
                            to.name(),
                            TicketRows.timestamp(now),
                            to == TicketStatus.SOLVED,
                            TicketRows.timestamp(now),
                            to == TicketStatus.CLOSED,
                            TicketRows.timestamp(now),
                            to == TicketStatus.CLOSED,
                            TicketRows.timestamp(now),
                            ticket.customerId(),
                            ticket.id())
                    .update();
            store.recordStatus(
                    ticket.customerId(), ticket.id(), ticket.status(), to, StatusChangeReason.CHANGED, actor, now);
            if (to == TicketStatus.SOLVED) {
                store.publish(
                        new TicketSolved(ticket.id(), ticket.number(), ticket.customerId(), ticket.assigneeId(), now));
            } else if (to == TicketStatus.CLOSED) {
                store.publish(new TicketClosed(ticket.id(), ticket.customerId(), ticket.assigneeId(), now));
            }
            return reread(ticket);
        });
    }

    /**
     * Gives the ticket to an agent (or to no one: back to its team's queue).
     *
     * @throws InvalidInputException naming {@code assigneeId} when that user takes no tickets
     */
    public Ticket assign(long ticketId, Long assigneeId) {
        Map<String, String> problems = new LinkedHashMap<>();
        tickets.checkAssignee(assigneeId, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Ticket seen = tickets.find(ticketId);
        return store.unscoped(() -> {
            Ticket ticket = locked(seen);
            store.jdbc()
                    .sql("""
                            update tickets set assignee_id = ?, updated_at = ?, version = version + 1,
                                   status = case when status = 'NEW' and ?::bigint is not null then 'OPEN' else status end
                            where customer_id = ? and id = ?""")
                    .params(
                            assigneeId,
                            TicketRows.timestamp(clock.instant()),
                            assigneeId,
                            ticket.customerId(),
                            ticket.id())
                    .update();
            Ticket after = reread(ticket);
            store.publish(new TicketAssigned(
                    ticket.id(),
                    ticket.customerId(),
                    ticket.teamId(),
                    ticket.assigneeId(),
                    assigneeId,
                    AuditLog.currentActor(),
                    clock.instant()));
            if (after.status() != ticket.status()) {
                store.recordStatus(
                        ticket.customerId(),
                        ticket.id(),
                        ticket.status(),
                        after.status(),
                        StatusChangeReason.CHANGED,
                        AuditLog.currentActor(),
                        clock.instant());
            }
            return after;
        });
    }

    public Ticket setPriority(long ticketId, TicketPriority priority) {
        if (priority == null) {
            throw new InvalidInputException("priority", "is empty");
        }
        Ticket seen = tickets.find(ticketId);
        return store.unscoped(() -> {
            Ticket ticket = locked(seen);
            store.jdbc()
                    .sql("update tickets set priority = ?, updated_at = ?, version = version + 1"
                            + " where customer_id = ? and id = ?")
                    .params(priority.name(), TicketRows.timestamp(clock.instant()), ticket.customerId(), ticket.id())
                    .update();
            return reread(ticket);
        });
    }

    /** @throws InvalidInputException naming {@code categoryId} when there is no such active category */
    public Ticket setCategory(long ticketId, Long categoryId) {
        if (categoryId != null
                && categories.find(categoryId).filter(TicketCategory::active).isEmpty()) {
            throw new InvalidInputException("categoryId", "no category " + categoryId);
        }
        Ticket seen = tickets.find(ticketId);
        return store.unscoped(() -> {
            Ticket ticket = locked(seen);
            store.jdbc()
                    .sql("update tickets set category_id = ?, updated_at = ?, version = version + 1"
                            + " where customer_id = ? and id = ?")
                    .params(categoryId, TicketRows.timestamp(clock.instant()), ticket.customerId(), ticket.id())
                    .update();
            return reread(ticket);
        });
    }

    /**
     * Merges a duplicate into the ticket that stays: the duplicate is closed with a pointer to it, its messages show in
     * the survivor's thread, and each gets a line of the desk saying so. Both must be the same customer's.
     *
     * @throws InvalidInputException a ticket merged into itself, another customer's, or one merged or closed already
     */
    public Ticket merge(long duplicateId, long survivorId) {
        if (duplicateId == survivorId) {
            throw new InvalidInputException("survivorId", "a ticket cannot be merged into itself");
        }
        Ticket duplicate = tickets.find(duplicateId);
        Ticket survivor = tickets.find(survivorId);
        if (duplicate.customerId() != survivor.customerId()) {
            throw new InvalidInputException("survivorId", "ticket " + survivor.reference() + " is another customer's");
        }
        if (duplicate.mergedInto() != null || duplicate.status() == TicketStatus.CLOSED) {
            throw new InvalidInputException("ticketId", "ticket " + duplicate.reference() + " is closed already");
        }
        if (survivor.mergedInto() != null || survivor.status() == TicketStatus.CLOSED) {
            throw new InvalidInputException("survivorId", "ticket " + survivor.reference() + " is closed");
        }
        String actor = AuditLog.currentActor();
        return store.unscoped(() -> {
            Ticket merged = locked(duplicate);
            Ticket staying = locked(survivor);
            Instant now = clock.instant();
            store.jdbc()
                    .sql("""
                            update tickets set status = 'CLOSED', merged_into = ?, closed_at = ?, updated_at = ?,
                                   version = version + 1
                            where customer_id = ? and id = ?""")
                    .params(
                            staying.id(),
                            TicketRows.timestamp(now),
                            TicketRows.timestamp(now),
                            merged.customerId(),
                            merged.id())
                    .update();
            // tickets merged into the duplicate before now show in the survivor too
            store.jdbc()
                    .sql("update tickets set merged_into = ? where customer_id = ? and merged_into = ?")
                    .params(staying.id(), merged.customerId(), merged.id())
                    .update();
            store.jdbc()
                    .sql("update tickets set updated_at = ?, version = version + 1 where customer_id = ? and id = ?")
                    .params(TicketRows.timestamp(now), staying.customerId(), staying.id())
                    .update();
            store.recordStatus(
                    merged.customerId(),
                    merged.id(),
                    merged.status(),
                    TicketStatus.CLOSED,
                    StatusChangeReason.MERGED,
                    actor,
                    now);
            store.insertMessage(
                    staying.customerId(),
                    staying.id(),
                    AuthorKind.SYSTEM,
                    null,
                    actor,
                    Visibility.INTERNAL,
                    "Merged " + merged.reference() + " (" + merged.subject() + ") into this ticket",
                    null,
                    now);
            store.publish(new TicketClosed(merged.id(), merged.customerId(), merged.assigneeId(), now));
            return reread(staying);
        });
    }

    /** Assigns many tickets at once; each one the viewer cannot see or change is named with the reason. */
    public BulkResult bulkAssign(List<Long> ticketIds, Long assigneeId) {
        return bulk(ticketIds, id -> assign(id, assigneeId));
    }

    public BulkResult bulkStatus(List<Long> ticketIds, TicketStatus status) {
        return bulk(ticketIds, id -> changeStatus(id, status));
    }

    public BulkResult bulkPriority(List<Long> ticketIds, TicketPriority priority) {
        return bulk(ticketIds, id -> setPriority(id, priority));
    }

    private BulkResult bulk(List<Long> ticketIds, java.util.function.LongFunction<Ticket> change) {
        int changed = 0;
        Map<String, String> refused = new LinkedHashMap<>();
        for (long id :
                ticketIds == null ? List.<Long>of() : new ArrayList<>(new java.util.LinkedHashSet<>(ticketIds))) {
            try {
                change.apply(id);
                changed++;
            } catch (InvalidInputException e) {
                refused.put(Long.toString(id), String.join("; ", e.fieldErrors().values()));
            } catch (ConflictException | dev.retain.platform.NotFoundException e) {
                refused.put(Long.toString(id), e.getMessage());
            }
        }
        return new BulkResult(changed, refused);
    }

    private Optional<TicketMessage> byMessageId(Ticket ticket, String messageId) {
        return store.unscoped(() -> store.jdbc()
                .sql("select " + TicketRows.MESSAGE_COLUMNS
                        + " from ticket_messages where customer_id = ? and ticket_id = ? and message_id = ?")
                .params(ticket.customerId(), ticket.id(), messageId)
                .query(TicketRows::message)
                .optional());
    }

    /** The ticket as it stands, locked until the change commits (read as the application). */
    private Ticket locked(Ticket ticket) {
        store.jdbc()
                .sql("select id from tickets where customer_id = ? and id = ? for update")
                .params(ticket.customerId(), ticket.id())
                .query(Long.class)
                .single();
        return reread(ticket);
    }

    private Ticket reread(Ticket ticket) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM + "where t.customer_id = ? and t.id = ?")
                .params(ticket.customerId(), ticket.id())
                .query(TicketRows::ticket)
                .single();
    }

    private TicketMessage message(long customerId, long id) {
        return store.jdbc()
                .sql("select " + TicketRows.MESSAGE_COLUMNS + " from ticket_messages where customer_id = ? and id = ?")
                .params(customerId, id)
                .query(TicketRows::message)
                .single();
    }

    private static String body(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("body", "is empty");
        }
        if (text.length() > Tickets.MAX_BODY) {
            throw new InvalidInputException("body", "at most " + Tickets.MAX_BODY + " characters");
        }
        return text;
    }
}

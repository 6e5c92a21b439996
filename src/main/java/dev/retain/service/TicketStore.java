package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ViewerScope;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes every change of a ticket shares: its status history, the desk's own lines in the thread, and running a
 * change as the application. A change is checked first within the viewer's data scope (the ticket must be theirs to
 * see); it then runs in a transaction of the application's own, because it may take the ticket out of the viewer's
 * sight (solved, assigned to a colleague), which row-level security would refuse for the changed row.
 */
@Component
class TicketStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    TicketStore(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.audit = audit;
    }

    /** Runs the change in one transaction as the application (past the data scope, which the caller checked). */
    <T> T unscoped(Supplier<T> change) {
        return ViewerScope.EVERYTHING.within(() -> transaction.execute(status -> change.get()));
    }

    void recordStatus(
            long customerId,
            long ticketId,
            TicketStatus from,
            TicketStatus to,
            StatusChangeReason reason,
            String actor,
            Instant at) {
        jdbc.sql("""
                        insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        customerId,
                        ticketId,
                        from == null ? null : from.name(),
                        to.name(),
                        reason.name(),
                        actor,
                        TicketRows.timestamp(at))
                .update();
        events.publishEvent(new TicketStatusMoved(customerId, ticketId, from, to, reason, at));
        if (from != null) {
            audit.record(
                    reason == StatusChangeReason.MERGED ? "merge" : "status",
                    "ticket",
                    ticketId,
                    Map.of("status", from.name()),
                    Map.of("status", to.name(), "reason", reason.name()));
        }
    }

    long insertMessage(
            long customerId,
            long ticketId,
            AuthorKind kind,
            Long userId,
            String authorName,
            Visibility visibility,
            String body,
            String messageId,
            Instant at) {
        long id = jdbc.sql("""
                        insert into ticket_messages (customer_id, ticket_id, author_kind, author_user_id, author_name,
                                                     visibility, body, message_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        customerId,
                        ticketId,
                        kind.name(),
                        userId,
                        authorName,
                        visibility.name(),
                        body,
                        messageId,
                        TicketRows.timestamp(at))
                .query(Long.class)
                .single();
        events.publishEvent(new TicketMessageAdded(customerId, ticketId, kind, visibility, at));
        return id;
    }

    void publish(Object event) {
        events.publishEvent(event);
    }

    JdbcClient jdbc() {
        return jdbc;
    }
}

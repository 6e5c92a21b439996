package dev.retain.service.dispatch;

import dev.retain.platform.AuditLog;
import dev.retain.service.TicketAssigned;
import dev.retain.service.TicketClosed;
import dev.retain.service.TicketCreated;
import dev.retain.service.TicketSolved;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Dispatch follows the desk: a new ticket is dispatched once it is committed; a ticket solved, closed or given away
 * frees its agent's place, so the queue drains; a person's assignment is kept in the ticket's assignment history and
 * audited with the change itself.
 */
@Component
class DispatchOnTicketChanges {

    private final TicketDispatcher dispatcher;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    DispatchOnTicketChanges(TicketDispatcher dispatcher, JdbcClient jdbc, AuditLog audit) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(TicketCreated created) {
        dispatcher.dispatch(created.ticketId());
    }

    @ApplicationModuleListener
    void on(TicketSolved solved) {
        if (solved.assigneeId() != null) {
            dispatcher.drainAll();
        }
    }

    @ApplicationModuleListener
    void on(TicketClosed closed) {
        if (closed.assigneeId() != null) {
            dispatcher.drainAll();
        }
    }

    /** Recorded in the assignment's own transaction: the history and the audit never miss a manual assignment. */
    @EventListener
    void record(TicketAssigned assigned) {
        jdbc.sql("""
                        insert into ticket_assignments (customer_id, ticket_id, from_assignee_id, assignee_id, team_id,
                                                        kind, actor, at)
                        values (?, ?, ?, ?, ?, 'MANUAL', ?, ?)""")
                .params(
                        assigned.customerId(),
                        assigned.ticketId(),
                        assigned.from(),
                        assigned.to(),
                        assigned.teamId(),
                        assigned.actor(),
                        Timestamp.from(assigned.at()))
                .update();
        if (assigned.to() != null) {
            jdbc.sql("delete from dispatch_queue where customer_id = ? and ticket_id = ?")
                    .params(assigned.customerId(), assigned.ticketId())
                    .update();
        }
        Map<String, Object> before = new HashMap<>();
        before.put("assigneeId", assigned.from());
        Map<String, Object> after = new HashMap<>();
        after.put("assigneeId", assigned.to());
        audit.record("assign", "ticket", assigned.ticketId(), before, after);
    }

    /** Given to someone else (or back to the team): its former agent has a place free. */
    @ApplicationModuleListener
    void freed(TicketAssigned assigned) {
        if (assigned.from() != null && !assigned.from().equals(assigned.to())) {
            dispatcher.drainAll();
        }
    }
}

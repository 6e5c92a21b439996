package dev.retain.tasks;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import org.springframework.stereotype.Component;

/** Tells the assignee when an open task is past its due time; once per task. */
@Component
class OverdueTaskNotifications implements NotificationSource {

    @Override
    public NotificationKind kind() {
        return NotificationKind.TASK_OVERDUE;
    }

    @Override
    public Cadence cadence() {
        return Cadence.FREQUENT;
    }

    @Override
    public String select() {
        return """
                select t.customer_id, t.assignee_id as recipient_id, 'task:' || t.id as subject, t.due_at,
                       t.title as detail
                from tasks t
                where t.status = 'OPEN' and t.assignee_id is not null and t.due_at < :now and t.due_at > :since""";
    }
}

package dev.retain.sales;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import org.springframework.stereotype.Component;

/**
 * Reminds an opportunity's owner when it has sat in its stage longer than the stage allows; once per stay in a stage,
 * so an opportunity moved on and stuck again reminds again.
 */
@Component
class OpportunityStuckNotifications implements NotificationSource {

    @Override
    public NotificationKind kind() {
        return NotificationKind.OPPORTUNITY_STUCK;
    }

    @Override
    public Cadence cadence() {
        return Cadence.DAILY;
    }

    @Override
    public String select() {
        return """
                select o.customer_id, o.owner_id as recipient_id,
                       'opportunity:' || o.id || ':' || extract(epoch from o.stage_entered_at)::bigint as subject,
                       o.stage_entered_at as due_at, o.title as detail
                from opportunities o
                join opportunity_stages s on s.id = o.stage_id
                where o.status = 'OPEN' and o.owner_id is not null and s.stuck_after_days is not null
                  and o.stage_entered_at < cast(:now as timestamptz) - make_interval(days => s.stuck_after_days)
                  and o.stage_entered_at + make_interval(days => s.stuck_after_days) > :since""";
    }
}

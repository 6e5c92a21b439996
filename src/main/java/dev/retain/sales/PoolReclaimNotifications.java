package dev.retain.sales;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import org.springframework.stereotype.Component;

/**
 * Tells owners of the reminders the nightly reclaim run wrote ({@code customer_pool_reminders}): once per reminder row
 * (customer, owner, stretch of neglect), and only while the customer is still theirs.
 */
@Component
class PoolReclaimNotifications implements NotificationSource {

    @Override
    public NotificationKind kind() {
        return NotificationKind.POOL_RECLAIM_SOON;
    }

    @Override
    public Cadence cadence() {
        return Cadence.FREQUENT;
    }

    @Override
    public String select() {
        return """
                select r.customer_id, r.owner_id as recipient_id,
                       'pool:' || extract(epoch from r.counted_from)::bigint as subject,
                       ((r.created_at at time zone :zone)::date + r.days_left)::timestamp at time zone :zone as due_at,
                       r.days_left::text as detail
                from customer_pool_reminders r
                join customer_profiles_view c on c.id = r.customer_id and c.owner_id = r.owner_id
                where r.created_at > :since""";
    }
}

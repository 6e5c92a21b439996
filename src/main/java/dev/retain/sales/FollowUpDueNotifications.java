package dev.retain.sales;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import org.springframework.stereotype.Component;

/**
 * Reminds a customer's owner when the next follow-up planned on the customer's latest follow-up record has come; once
 * per planned time, so planning a new one reminds again when that one comes.
 */
@Component
class FollowUpDueNotifications implements NotificationSource {

    @Override
    public NotificationKind kind() {
        return NotificationKind.FOLLOW_UP_DUE;
    }

    @Override
    public Cadence cadence() {
        return Cadence.FREQUENT;
    }

    @Override
    public String select() {
        return """
                select f.customer_id, c.owner_id as recipient_id,
                       'follow-up:' || extract(epoch from f.next_follow_up_at)::bigint as subject,
                       f.next_follow_up_at as due_at, null::text as detail
                from follow_up_summaries_view f
                join customer_profiles_view c on c.id = f.customer_id
                where f.next_follow_up_at <= :now and f.next_follow_up_at > :since and c.owner_id is not null""";
    }
}

package dev.retain.customers;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reminds a customer's owner that the contract ends within {@code retain.notifications.contract-days} days: the end is
 * the DATE custom field named by {@code retain.notifications.contract-field} (off while none is named). Once per end
 * date: a renewed contract with a new end is reminded again when that one nears.
 */
@Component
class ContractEndNotifications implements NotificationSource {

    private final String field;
    private final int days;

    ContractEndNotifications(
            @Value("${retain.notifications.contract-field:}") String field,
            @Value("${retain.notifications.contract-days:30}") int days) {
        this.field = field == null ? "" : field.trim();
        this.days = days;
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.CONTRACT_ENDING;
    }

    @Override
    public Cadence cadence() {
        return Cadence.DAILY;
    }

    @Override
    public boolean enabled() {
        return !field.isEmpty();
    }

    /** The guard in a case: PostgreSQL does not promise to test the pattern before it casts. */
    @Override
    public String select() {
        return """
                select customer_id, recipient_id, 'contract:' || :contractField || ':' || ends as subject,
                       ends::timestamp at time zone :zone as due_at, ends::text as detail
                from (
                    select c.id as customer_id, c.owner_id as recipient_id,
                           case when c.custom_fields ->> :contractField ~ '^\\d{4}-\\d{2}-\\d{2}$'
                                then (c.custom_fields ->> :contractField)::date end as ends
                    from customers c
                    where c.owner_id is not null
                ) e
                where ends between cast(:today as date) and cast(:today as date) + :contractDays""";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("contractField", field, "contractDays", days);
    }
}

package dev.retain.customers;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reminds a customer's owner of the birthday, today or within {@code retain.notifications.birthday-days} days; once
 * per birthday (the subject is the day, so next year's is a new one). A 29 February birthday falls on 1 March in other
 * years.
 */
@Component
class BirthdayNotifications implements NotificationSource {

    private final int days;

    BirthdayNotifications(@Value("${retain.notifications.birthday-days:3}") int days) {
        this.days = days;
    }

    @Override
    public NotificationKind kind() {
        return NotificationKind.BIRTHDAY;
    }

    @Override
    public Cadence cadence() {
        return Cadence.DAILY;
    }

    @Override
    public String select() {
        return """
                select c.id as customer_id, c.owner_id as recipient_id, 'birthday:' || d.day as subject,
                       d.day::timestamp at time zone :zone as due_at, to_char(d.day, 'MM-DD') as detail
                from customers c
                cross join lateral (
                    select (make_date(y.year, extract(month from c.birthday)::int, 1)
                            + (extract(day from c.birthday)::int - 1)) as day
                    from (values (extract(year from cast(:today as date))::int),
                                 (extract(year from cast(:today as date))::int + 1)) as y (year)
                ) d
                where c.birthday is not null and c.owner_id is not null
                  and d.day between cast(:today as date) and cast(:today as date) + :birthdayDays""";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("birthdayDays", days);
    }
}

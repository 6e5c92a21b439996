package dev.retain.sales.web;

import dev.retain.customers.Customers;
import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.sales.PoolReclaims;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * "My day": the viewer's customers going back to the public pool within {@code retain.notifications.my-day-pool-days}
 * days unless followed up, soonest first.
 */
@Component
class MyDayPoolSoon implements MyDaySection {

    static final int SHOWN = 20;

    private final PoolReclaims reclaims;
    private final Customers customers;
    private final int days;

    MyDayPoolSoon(
            PoolReclaims reclaims, Customers customers, @Value("${retain.notifications.my-day-pool-days:7}") int days) {
        this.reclaims = reclaims;
        this.customers = customers;
        this.days = days;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.ADMIN, Role.MANAGER, Role.SALES), POOL_ORDER, "myDay.pool.title", "myDay.pool.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return null;
    }

    /** At most {@link #SHOWN} names are looked up, one by one, through the scoped customer service. */
    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(reclaims.dueFor(viewer.id(), days).stream()
                .limit(SHOWN)
                .map(due -> {
                    String name;
                    try {
                        name = customers.find(due.customerId()).name();
                    } catch (NotFoundException outOfSight) {
                        return null;
                    }
                    return new Row(
                            name,
                            "/customers/" + due.customerId(),
                            Note.of("myDay.pool.daysLeft", Math.max(due.daysLeft(), 0)),
                            due.daysLeft() <= 1 ? Tone.BAD : Tone.WARNING);
                })
                .filter(Objects::nonNull)
                .toList());
    }
}

package dev.retain.tasks;

import dev.retain.customers.CustomerOwnersChanged;
import dev.retain.customers.CustomerOwnersChanged.OwnerChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** When customers are transferred with their tasks, the previous owners' open tasks go to the new owner. */
@Component
class TasksFollowOwners {

    private final JdbcClient jdbc;

    TasksFollowOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomerOwnersChanged transfer) {
        if (!transfer.tasksFollow()) {
            return;
        }
        var owned =
                transfer.changes().stream().filter(c -> c.fromOwner() != null).toList();
        jdbc.sql("""
                        update tasks t set assignee_id = :to
                        from unnest(:customers, :owners) as moved (customer_id, owner_id)
                        where t.customer_id = moved.customer_id and t.assignee_id = moved.owner_id
                          and t.status = 'OPEN'""")
                .param("to", transfer.toOwner())
                .param("customers", owned.stream().map(OwnerChange::customerId).toArray(Long[]::new))
                .param("owners", owned.stream().map(OwnerChange::fromOwner).toArray(Long[]::new))
                .update();
    }
}

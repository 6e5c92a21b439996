package dev.retain.customers;

import dev.retain.customers.CustomerOwnersChanged.OwnerChange;
import dev.retain.platform.AuditLog;
import dev.retain.platform.DataScopes;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers (转移) customers to another owner in bulk, with a reason: only a manager of the people involved or an
 * admin may ({@link DataScopes#checkOwnerChange}); each customer's transfer is audited with its reason, and the
 * previous owners' open tasks follow when asked.
 */
@Service
public class OwnerTransfers {

    public static final int MAX_CUSTOMERS = 1000;

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OwnerTransfers(
            JdbcClient jdbc,
            UserAccounts users,
            DataScopes scopes,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.scopes = scopes;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @return the customers whose owner changed (those already with {@code toOwner} are left as they are)
     * @throws InvalidInputException no customers or too many, no reason, an unknown or disabled new owner
     * @throws NotFoundException a customer that does not exist (or is out of the actor's scope)
     * @throws org.springframework.security.access.AccessDeniedException the actor may not move one of them
     */
    @Transactional
    public List<Long> transfer(List<Long> customerIds, long toOwner, String reason, boolean tasksFollow) {
        Set<Long> ids = new LinkedHashSet<>(customerIds == null ? List.of() : customerIds);
        if (ids.isEmpty() || ids.size() > MAX_CUSTOMERS) {
            throw new InvalidInputException("customerIds", "between 1 and " + MAX_CUSTOMERS + " customers");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidInputException("reason", "say why, in at most 500 characters");
        }
        UserAccount owner = users.find(toOwner);
        if (!owner.enabled()) {
            throw new InvalidInputException("toOwner", "user " + owner.username() + " is disabled");
        }
        List<OwnerChange> current = jdbc.sql("""
                        select id, owner_id from customers where id = any(?) and merged_into is null
                        order by id for update""")
                .param(ids.toArray(Long[]::new))
                .query((rs, row) -> new OwnerChange(rs.getLong(1), rs.getObject(2, Long.class)))
                .list();
        if (current.size() < ids.size()) {
            current.forEach(change -> ids.remove(change.customerId()));
            throw new NotFoundException("Customer", ids.iterator().next());
        }
        List<OwnerChange> changes = current.stream()
                .filter(change -> !Long.valueOf(toOwner).equals(change.fromOwner()))
                .toList();
        changes.forEach(change -> scopes.checkOwnerChange(change.fromOwner(), toOwner, false));
        if (changes.isEmpty()) {
            return List.of();
        }
        Long[] moved = changes.stream().map(OwnerChange::customerId).toArray(Long[]::new);
        jdbc.sql("update customers set owner_id = ?, owner_since = ?, updated_at = ?, version = version + 1"
                        + " where id = any(?)")
                .params(toOwner, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), moved)
                .update();
        for (OwnerChange change : changes) {
            audit.record(
                    "transfer",
                    "customer",
                    change.customerId(),
                    ownerOf(change.fromOwner()),
                    Map.of("ownerId", toOwner, "reason", reason.strip(), "tasksFollow", tasksFollow));
        }
        events.publishEvent(new CustomerOwnersChanged(changes, toOwner, reason.strip(), tasksFollow));
        events.publishEvent(CustomersChanged.of(List.of(moved)));
        return List.of(moved);
    }

    private static Map<String, Object> ownerOf(Long owner) {
        return owner == null ? Map.of("pool", true) : Map.of("ownerId", owner);
    }
}

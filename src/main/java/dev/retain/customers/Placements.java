package dev.retain.customers;

import dev.retain.customers.CustomerOwnersChanged.OwnerChange;
import dev.retain.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a customer is: with an owner, or waiting without one in a pool (公海). Taking a customer from its pool is one
 * compare-and-set statement, so two people claiming at once never both get it; the pools' rules (who may claim, how
 * many, when) are the sales module's. Callers find a customer within their scope before they move it; the moves run
 * as the table's owner (see {@code V41__sales_pools.sql}) because where it goes may be out of the mover's sight.
 */
@Service
public class Placements {

    /** A customer's owner (null: none) and pool. */
    public record Placement(long customerId, Long ownerId, long poolId) {
        public boolean waiting() {
            return ownerId == null;
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Placements(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** @throws NotFoundException a customer that does not exist, is merged away or is out of scope */
    public Placement of(long customerId) {
        return jdbc.sql("select id, owner_id, pool_id from customers where id = ? and merged_into is null")
                .param(customerId)
                .query((rs, row) -> new Placement(rs.getLong(1), rs.getObject(2, Long.class), rs.getLong(3)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Customer", customerId));
    }

    /**
     * Where a customer is, whoever asks and whatever they may see: only its owner and pool, so that claiming a customer
     * a colleague took a moment ago is told so rather than "not found".
     *
     * @throws NotFoundException a customer that does not exist or is merged away
     */
    public Placement whereabouts(long customerId) {
        return jdbc.sql("select owner_id, pool_id from customer_whereabouts(?)")
                .param(customerId)
                .query((rs, row) -> new Placement(customerId, rs.getObject(1, Long.class), rs.getLong(2)))
                .optional()
                .orElseThrow(() -> new NotFoundException("Customer", customerId));
    }

    /** How many customers belong to the pool, with an owner or waiting. */
    public long countInPool(long poolId) {
        return jdbc.sql("select count(*) from customers where pool_id = ?")
                .param(poolId)
                .query(Long.class)
                .single();
    }

    /** Moves customers still waiting without an owner to another pool; returns those moved, with the pool each left. */
    @Transactional
    public List<Placement> moveWaiting(List<Long> customerIds, long poolId) {
        List<Placement> moved = jdbc.sql(
                        "select customer_id, from_pool from customer_move_waiting(:customers, :pool, :now)")
                .param("pool", poolId)
                .param("now", Timestamp.from(clock.instant()))
                .param("customers", customerIds.toArray(Long[]::new))
                .query((rs, row) -> new Placement(rs.getLong(1), null, rs.getLong(2)))
                .list();
        if (!moved.isEmpty()) {
            events.publishEvent(CustomersChanged.of(
                    moved.stream().map(Placement::customerId).toList()));
        }
        return moved;
    }

    /** Gives the customer to the user if it still waits without an owner; false when someone has it already. */
    @Transactional
    public boolean take(long customerId, long userId) {
        boolean taken = jdbc.sql("select customer_take(?, ?, ?)")
                .params(customerId, userId, Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
        if (taken) {
            events.publishEvent(CustomersChanged.of(List.of(customerId)));
        }
        return taken;
    }

    /**
     * Puts the customers that still have the owners given into a pool ({@code poolId}, or null: each its own), without
     * an owner; returns those moved, with the owner each had.
     */
    @Transactional
    public List<OwnerChange> putInPool(List<OwnerChange> expected, Long poolId) {
        if (expected.isEmpty()) {
            return List.of();
        }
        List<OwnerChange> moved = jdbc.sql(
                        "select customer_id, owner_id from customer_put_in_pool(:customers, :owners, :pool, :now)")
                .param("pool", poolId)
                .param("now", Timestamp.from(clock.instant()))
                .param(
                        "customers",
                        expected.stream().map(OwnerChange::customerId).toArray(Long[]::new))
                .param("owners", expected.stream().map(OwnerChange::fromOwner).toArray(Long[]::new))
                .query((rs, row) -> new OwnerChange(rs.getLong(1), rs.getLong(2)))
                .list();
        if (!moved.isEmpty()) {
            events.publishEvent(CustomersChanged.of(
                    moved.stream().map(OwnerChange::customerId).toList()));
        }
        return moved;
    }
}

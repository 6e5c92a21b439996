package dev.retain.sales;

import dev.retain.customers.Customers;
import dev.retain.platform.PageOf;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The customers waiting in a pool, as its members see them: the latest to arrive (or change) first, with what they
 * bought and why they came back to the pool, and the pool's hidden fields left out (null, with {@code hidden} naming
 * them).
 */
@Service
public class PoolCustomers {

    /** One waiting customer; {@code previousOwnerId} and {@code reason} come from the move that put it in the pool. */
    public record WaitingCustomer(
            long id,
            String name,
            String city,
            String phone,
            String email,
            LocalDate birthday,
            Instant waitingSince,
            Long previousOwnerId,
            String reason,
            Instant lastOrderAt,
            BigDecimal totalSpent,
            Set<PoolHiddenField> hidden) {}

    private final JdbcClient jdbc;
    private final Pools pools;
    private final Customers customers;

    PoolCustomers(JdbcClient jdbc, Pools pools, Customers customers) {
        this.jdbc = jdbc;
        this.pools = pools;
        this.customers = customers;
    }

    /**
     * @param text part of a name or city, or null
     * @throws dev.retain.platform.NotFoundException an unknown pool
     */
    public PageOf<WaitingCustomer> waitingIn(long poolId, String text, int page, int size) {
        Pool pool = pools.find(poolId);
        Set<PoolHiddenField> hidden = pool.hiddenFields();
        String pattern = text == null || text.isBlank() ? null : "%" + text.strip() + "%";
        int limit = Math.min(Math.max(size, 1), 200);
        int offset = Math.max(page, 0) * limit;
        long total = jdbc.sql("""
                        select count(*) from customer_profiles_view c
                        where c.pool_id = :pool and c.owner_id is null
                          and (cast(:text as text) is null or c.name ilike :text or c.city ilike :text)""")
                .param("pool", poolId)
                .param("text", pattern)
                .query(Long.class)
                .single();
        List<WaitingCustomer> items = jdbc.sql("""
                        select c.id, c.name, c.city, c.birthday,
                               coalesce(m.at, c.created_at) as waiting_since, m.from_owner, m.reason,
                               o.last_order_at, coalesce(o.total, 0) as total
                        from (select * from customer_profiles_view c
                              where c.pool_id = :pool and c.owner_id is null
                                and (cast(:text as text) is null or c.name ilike :text or c.city ilike :text)
                              order by c.updated_at desc, c.id desc
                              limit :limit offset :offset) c
                        left join lateral (select at, from_owner, reason from customer_pool_moves m
                                           where m.customer_id = c.id order by at desc, id desc limit 1) m on true
                        left join lateral (select max(ordered_at) as last_order_at, sum(base_amount) as total
                                           from paid_orders_view po where po.customer_id = c.id) o on true
                        order by c.updated_at desc, c.id desc""")
                .param("pool", poolId)
                .param("text", pattern)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new WaitingCustomer(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("city"),
                        null,
                        null,
                        hidden.contains(PoolHiddenField.BIRTHDAY) ? null : rs.getObject("birthday", LocalDate.class),
                        rs.getTimestamp("waiting_since").toInstant(),
                        rs.getObject("from_owner", Long.class),
                        rs.getString("reason"),
                        rs.getTimestamp("last_order_at") == null
                                ? null
                                : rs.getTimestamp("last_order_at").toInstant(),
                        rs.getBigDecimal("total"),
                        hidden))
                .list();
        // phone and email as the customers module shows them to the person asking: decrypted, masked for some roles
        Map<Long, Customers.PhoneAndEmail> shown = customers.phonesAndEmails(
                items.stream().map(WaitingCustomer::id).toList());
        items = items.stream()
                .map(c -> new WaitingCustomer(
                        c.id(),
                        c.name(),
                        c.city(),
                        hidden.contains(PoolHiddenField.PHONE) || !shown.containsKey(c.id())
                                ? null
                                : shown.get(c.id()).phone(),
                        hidden.contains(PoolHiddenField.EMAIL) || !shown.containsKey(c.id())
                                ? null
                                : shown.get(c.id()).email(),
                        c.birthday(),
                        c.waitingSince(),
                        c.previousOwnerId(),
                        c.reason(),
                        c.lastOrderAt(),
                        c.totalSpent(),
                        c.hidden()))
                .toList();
        return new PageOf<>(items, Math.max(page, 0), limit, total);
    }
}

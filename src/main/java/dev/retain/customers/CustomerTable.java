package dev.retain.customers;

import dev.retain.platform.PoolMemberships;
import dev.retain.platform.ViewerScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Reads and writes rows of {@code customers}, {@code contacts} and {@code customer_identities}. */
@Component
class CustomerTable {

    static final String COLUMNS = """
            id, kind, name, phone, email, gender, birthday, city, region, industry, owner_id, status,
            lifecycle_stage, source, custom_fields::text as custom_fields, signed_up_at, created_at, updated_at, version,
            merged_into, pool_id""";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ObjectProvider<PoolMemberships> pools;

    CustomerTable(JdbcClient jdbc, ObjectMapper json, ObjectProvider<PoolMemberships> pools) {
        this.jdbc = jdbc;
        this.json = json;
        this.pools = pools;
    }

    Optional<Customer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from customers where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The customers with these ids, by id, in one query. */
    Map<Long, Customer> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("select " + COLUMNS + " from customers where id in (:ids)")
                .param("ids", ids)
                .query(this::map)
                .list()
                .stream()
                .collect(Collectors.toMap(Customer::id, customer -> customer));
    }

    long insert(Customer c, Instant now) {
        return jdbc.sql("""
                        insert into customers (kind, name, phone, email, gender, birthday, city, region, industry,
                            owner_id, status, lifecycle_stage, source, custom_fields, signed_up_at, created_at, updated_at,
                            owner_since)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning id""")
                .params(withProfile(
                        c,
                        timestamp(c.signedUpAt() != null ? c.signedUpAt() : now),
                        Timestamp.from(now),
                        Timestamp.from(now),
                        c.ownerId() == null ? null : Timestamp.from(now)))
                .query(Long.class)
                .single();
    }

    void update(Customer c, Instant now) {
        jdbc.sql("""
                        update customers set kind = ?, name = ?, phone = ?, email = ?, gender = ?, birthday = ?,
                            city = ?, region = ?, industry = ?, owner_id = ?, status = ?, lifecycle_stage = ?,
                            source = ?, custom_fields = ?::jsonb, updated_at = ?, version = version + 1,
                            owner_since = case when owner_id is distinct from ? then ? else owner_since end
                        where id = ?""")
                .params(withProfile(c, Timestamp.from(now), c.ownerId(), Timestamp.from(now), c.id()))
                .update();
    }

    /** The profile columns shared by insert and update, in their order, followed by {@code more}. */
    private List<Object> withProfile(Customer c, Object... more) {
        var values = new ArrayList<Object>(Arrays.asList(
                c.kind().name(),
                c.name(),
                c.phone(),
                c.email(),
                c.gender(),
                c.birthday(),
                c.city(),
                c.region(),
                c.industry(),
                c.ownerId(),
                c.status().name(),
                c.lifecycleStage().name(),
                c.source(),
                json.writeValueAsString(c.customFields())));
        values.addAll(Arrays.asList(more));
        return values;
    }

    /** Points this customer's phone and email identities at its current values. */
    void replaceContactIdentities(long customerId, String phone, String email, Instant now) {
        jdbc.sql("delete from customer_identities where customer_id = ? and kind in ('phone', 'email')")
                .param(customerId)
                .update();
        if (phone != null) {
            insertIdentity(customerId, new Identity("phone", phone), now);
        }
        if (email != null) {
            insertIdentity(customerId, new Identity("email", email), now);
        }
    }

    Optional<Long> ownerOfIdentity(Identity identity) {
        return jdbc.sql("select customer_id from customer_identities where kind = ? and value = ?")
                .params(identity.kind(), identity.value())
                .query(Long.class)
                .optional();
    }

    List<Identity> identitiesOf(long customerId) {
        return jdbc.sql("select kind, value from customer_identities where customer_id = ? order by kind, value")
                .param(customerId)
                .query((rs, row) -> new Identity(rs.getString(1), rs.getString(2)))
                .list();
    }

    List<Contact> contactsOf(long customerId) {
        return jdbc.sql("select id, customer_id, name, title, phone, email from contacts where customer_id = ?"
                        + " order by id")
                .param(customerId)
                .query((rs, row) -> new Contact(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    private void insertIdentity(long customerId, Identity identity, Instant now) {
        jdbc.sql("insert into customer_identities (kind, value, customer_id, created_at) values (?, ?, ?, ?)")
                .params(identity.kind(), identity.value(), customerId, Timestamp.from(now))
                .update();
    }

    Customer map(ResultSet rs, int row) throws SQLException {
        var birthday = rs.getDate("birthday");
        Set<String> hidden =
                rs.getObject("owner_id") == null && ViewerScope.current().masksWaiting()
                        ? hiddenIn(rs.getLong("pool_id"))
                        : Set.of();
        return new Customer(
                rs.getLong("id"),
                CustomerKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                hidden.contains("phone") ? null : rs.getString("phone"),
                hidden.contains("email") ? null : rs.getString("email"),
                rs.getString("gender"),
                birthday == null || hidden.contains("birthday") ? null : birthday.toLocalDate(),
                rs.getString("city"),
                rs.getString("region"),
                rs.getString("industry"),
                rs.getObject("owner_id", Long.class),
                CustomerStatus.valueOf(rs.getString("status")),
                LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
                rs.getString("source"),
                json.readValue(rs.getString("custom_fields"), JSON_OBJECT),
                instant(rs.getTimestamp("signed_up_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                rs.getInt("version"),
                rs.getObject("merged_into", Long.class));
    }

    /** What the viewer may not see of the customer: what its pool hides, while it waits, from those who see their own. */
    Set<String> hiddenOf(long customerId) {
        if (!ViewerScope.current().masksWaiting()) {
            return Set.of();
        }
        return jdbc.sql("select pool_id from customers where id = ? and owner_id is null")
                .param(customerId)
                .query(Long.class)
                .optional()
                .map(this::hiddenIn)
                .orElse(Set.of());
    }

    /** What the pool hides from those who see only their own customers, on the customers waiting in it. */
    private Set<String> hiddenIn(long poolId) {
        PoolMemberships memberships = pools.getIfAvailable();
        return memberships == null ? Set.of() : memberships.hiddenWhileWaiting(poolId);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

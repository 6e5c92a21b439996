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
            merged_into, pool_id, phone_cipher, email_cipher""";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ObjectProvider<PoolMemberships> pools;
    private final SealedContacts sealed;
    private final PersonalDataSettings settings;
    private final ContactMasking masking;

    CustomerTable(
            JdbcClient jdbc,
            ObjectMapper json,
            ObjectProvider<PoolMemberships> pools,
            SealedContacts sealed,
            PersonalDataSettings settings,
            ContactMasking masking) {
        this.jdbc = jdbc;
        this.json = json;
        this.pools = pools;
        this.sealed = sealed;
        this.settings = settings;
        this.masking = masking;
    }

    /** The customer as the person asking may see it: what its pool hides left out, sensitive fields masked. */
    Optional<Customer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from customers where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The customer as stored, decrypted, whoever asks: for changing it and for sending to it, never for showing. */
    Optional<Customer> findStored(long id) {
        return jdbc.sql("select " + COLUMNS + " from customers where id = ?")
                .param(id)
                .query(this::mapStored)
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

    /** The phone and email of these customers as stored, decrypted. */
    Map<Long, Customers.PhoneAndEmail> phonesAndEmails(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var found = new java.util.HashMap<Long, Customers.PhoneAndEmail>();
        jdbc.sql("select id, phone, email, phone_cipher, email_cipher from customers where id in (:ids)")
                .param("ids", ids)
                .query((rs, row) -> {
                    long id = rs.getLong(1);
                    return found.put(
                            id,
                            new Customers.PhoneAndEmail(
                                    sealed.open(id, SensitiveField.PHONE, rs.getString(2), rs.getBytes(4)),
                                    sealed.open(id, SensitiveField.EMAIL, rs.getString(3), rs.getBytes(5))));
                })
                .list();
        return found;
    }

    long insert(Customer c, Instant now) {
        // the id first: encrypted values are bound to it
        long id = jdbc.sql("select nextval(pg_get_serial_sequence('customers', 'id'))")
                .query(Long.class)
                .single();
        var values = new ArrayList<Object>();
        values.add(id);
        values.addAll(profile(c));
        values.addAll(Arrays.asList(
                timestamp(c.signedUpAt() != null ? c.signedUpAt() : now),
                Timestamp.from(now),
                Timestamp.from(now),
                c.ownerId() == null ? null : Timestamp.from(now)));
        values.addAll(contact(id, c));
        jdbc.sql("""
                        insert into customers (id, kind, name, gender, birthday, city, region, industry,
                            owner_id, status, lifecycle_stage, source, custom_fields, signed_up_at, created_at, updated_at,
                            owner_since, %s)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""".formatted(SealedContacts.COLUMN_NAMES)).params(values).update();
        return id;
    }

    void update(Customer c, Instant now) {
        var values = new ArrayList<Object>(profile(c));
        values.addAll(Arrays.asList(Timestamp.from(now), c.ownerId(), Timestamp.from(now)));
        values.addAll(contact(c.id(), c));
        values.add(c.id());
        jdbc.sql("""
                        update customers set kind = ?, name = ?, gender = ?, birthday = ?,
                            city = ?, region = ?, industry = ?, owner_id = ?, status = ?, lifecycle_stage = ?,
                            source = ?, custom_fields = ?::jsonb, updated_at = ?, version = version + 1,
                            owner_since = case when owner_id is distinct from ? then ? else owner_since end,
                            (%s) = (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        where id = ?""".formatted(SealedContacts.COLUMN_NAMES)).params(values).update();
    }

    /** Writes the customer's phone and email alone, in the form the settings ask for now. */
    void updateContact(long id, String phone, String email) {
        var values = new ArrayList<Object>(
                sealed.columns(id, phone, email, settings.now().sensitive()).values());
        values.add(id);
        jdbc.sql("update customers set (%s) = (?, ?, ?, ?, ?, ?, ?, ?, ?) where id = ?"
                        .formatted(SealedContacts.COLUMN_NAMES))
                .params(values)
                .update();
    }

    /** The profile columns shared by insert and update, in their order (phone and email aside). */
    private List<Object> profile(Customer c) {
        return Arrays.asList(
                c.kind().name(),
                c.name(),
                c.gender(),
                c.birthday(),
                c.city(),
                c.region(),
                c.industry(),
                c.ownerId(),
                c.status().name(),
                c.lifecycleStage().name(),
                c.source(),
                json.writeValueAsString(c.customFields()));
    }

    /** The phone and email columns, stored as the settings say. */
    private List<Object> contact(long id, Customer c) {
        return sealed.columns(id, c.phone(), c.email(), settings.now().sensitive())
                .values();
    }

    /** Points this customer's phone and email identities at its current values, stored as the settings say. */
    void replaceContactIdentities(long customerId, String phone, String email, Instant now) {
        jdbc.sql("delete from customer_identities where customer_id = ? and kind in ('phone', 'email')")
                .param(customerId)
                .update();
        Set<SensitiveField> sensitive = settings.now().sensitive();
        if (phone != null) {
            insertIdentity(customerId, SensitiveField.PHONE, phone, sensitive, now);
        }
        if (email != null) {
            insertIdentity(customerId, SensitiveField.EMAIL, email, sensitive, now);
        }
    }

    Optional<Long> ownerOfIdentity(Identity identity) {
        return jdbc.sql("select customer_id from customer_identities where kind = ? and value = any(?) limit 1")
                .params(identity.kind(), lookupValues(identity).toArray(String[]::new))
                .query(Long.class)
                .optional();
    }

    /** The values an identity may be stored under now: itself, its token, or both while stored values convert. */
    List<String> lookupValues(Identity identity) {
        if (!identity.kind().equals("phone") && !identity.kind().equals("email")) {
            return List.of(identity.value());
        }
        SensitiveField field = SensitiveField.ofColumn(identity.kind());
        PersonalDataSettings.Snapshot now = settings.now();
        var values = new ArrayList<String>(2);
        if (now.mayBeSealed(field)) {
            values.add(sealed.token(field, identity.value()));
        }
        if (now.mayBePlain(field)) {
            values.add(identity.value());
        }
        return values;
    }

    /** The customer's identities, decrypted. */
    List<Identity> identitiesOf(long customerId) {
        return jdbc
                .sql("select kind, value, cipher from customer_identities where customer_id = ?")
                .param(customerId)
                .query((rs, row) -> new Identity(
                        rs.getString(1), sealed.openIdentity(rs.getString(1), rs.getString(2), rs.getBytes(3))))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(Identity::kind).thenComparing(Identity::value))
                .toList();
    }

    /** The customer's contact people, decrypted. */
    List<Contact> contactsOf(long customerId) {
        return jdbc.sql("select id, customer_id, name, title, phone, email, phone_cipher, email_cipher from contacts"
                        + " where customer_id = ? order by id")
                .param(customerId)
                .query((rs, row) -> new Contact(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        sealed.openContact(rs.getLong(1), SensitiveField.PHONE, rs.getString(5), rs.getBytes(7)),
                        sealed.openContact(rs.getLong(1), SensitiveField.EMAIL, rs.getString(6), rs.getBytes(8))))
                .list();
    }

    private void insertIdentity(
            long customerId, SensitiveField field, String value, Set<SensitiveField> sensitive, Instant now) {
        String stored = value;
        byte[] cipher = null;
        if (sensitive.contains(field)) {
            stored = sealed.token(field, value);
            cipher = sealed.sealIdentity(field, stored, value);
        }
        jdbc.sql(
                        "insert into customer_identities (kind, value, customer_id, created_at, cipher) values (?, ?, ?, ?, ?)")
                .params(field.column(), stored, customerId, Timestamp.from(now), cipher)
                .update();
    }

    /** A row of customers as the person asking may see it: hidden fields left out, sensitive fields masked. */
    Customer map(ResultSet rs, int row) throws SQLException {
        Customer stored = mapStored(rs, row);
        Set<String> hidden =
                rs.getObject("owner_id") == null && ViewerScope.current().masksWaiting()
                        ? hiddenIn(rs.getLong("pool_id"))
                        : Set.of();
        Customer shown = masking.masked(stored, masking.maskedForViewer());
        if (hidden.isEmpty()) {
            return shown;
        }
        Customer withoutHidden = shown.withContact(
                hidden.contains("phone") ? null : shown.phone(), hidden.contains("email") ? null : shown.email());
        return hidden.contains("birthday") ? withoutHidden.withoutBirthday() : withoutHidden;
    }

    /** A row of customers as stored, its phone and email decrypted. */
    Customer mapStored(ResultSet rs, int row) throws SQLException {
        var birthday = rs.getDate("birthday");
        long id = rs.getLong("id");
        return new Customer(
                id,
                CustomerKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                sealed.open(id, SensitiveField.PHONE, rs.getString("phone"), rs.getBytes("phone_cipher")),
                sealed.open(id, SensitiveField.EMAIL, rs.getString("email"), rs.getBytes("email_cipher")),
                rs.getString("gender"),
                birthday == null ? null : birthday.toLocalDate(),
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

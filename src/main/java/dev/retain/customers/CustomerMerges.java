package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Merging two customers into one, and undoing it. The survivor keeps every identity and contact of both and, per
 * field, the most recent non-empty value; the merged customer stays (hidden) so an unmerge restores both. Notes move
 * in the merge's own transaction; other modules move their records on {@link CustomersMerged} and move them back on
 * {@link CustomersUnmerged}.
 */
@Service
public class CustomerMerges {

    /**
     * Profile columns and their SQL types: what survivorship decides and an unmerge restores in SQL. Phone and email
     * follow the same rules in Java, since they may be stored encrypted, bound to their customer.
     */
    private static final Map<String, String> PROFILE = new LinkedHashMap<>();

    static {
        for (String text : List.of("name", "gender", "city", "region", "industry", "lifecycle_stage", "source")) {
            PROFILE.put(text, "text");
        }
        PROFILE.put("birthday", "date");
        PROFILE.put("owner_id", "bigint");
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String MERGE_COLUMNS =
            "id, survivor_id, merged_id, merged_by, merged_at, undone_by, undone_at";

    private final JdbcClient jdbc;
    private final CustomerTable table;
    private final Customers customers;
    private final CustomerNotes notes;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SealedContacts sealed;
    private final ObjectMapper json;

    CustomerMerges(
            SealedContacts sealed,
            ObjectMapper json,
            JdbcClient jdbc,
            CustomerTable table,
            Customers customers,
            CustomerNotes notes,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.table = table;
        this.customers = customers;
        this.notes = notes;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.sealed = sealed;
        this.json = json;
    }

    @Transactional
    public CustomerMerge merge(long survivorId, long mergedId) {
        if (survivorId == mergedId) {
            throw new InvalidInputException("mergedId", "a customer cannot be merged into itself");
        }
        jdbc.sql("select id from customers where id in (?, ?) order by id for update")
                .params(survivorId, mergedId)
                .query(Long.class)
                .list();
        Customer survivor = live(survivorId);
        Customer merged = live(mergedId);
        Customer survivorStored = customers.findToContact(survivorId);
        Customer mergedStored = customers.findToContact(mergedId);
        boolean mergedIsNewer = mergedStored.updatedAt().isAfter(survivorStored.updatedAt());
        String before = snapshot(survivorId);
        jdbc.sql("update customers s set " + survivorship()
                        + ", signed_up_at = least(s.signed_up_at, m.signed_up_at), updated_at = ?,"
                        + " version = s.version + 1 from customers m where s.id = ? and m.id = ?")
                .params(now(), survivorId, mergedId)
                .update();
        table.updateContact(
                survivorId,
                survivorship(mergedIsNewer, survivorStored.phone(), mergedStored.phone()),
                survivorship(mergedIsNewer, survivorStored.email(), mergedStored.email()));
        String identities =
                jdbc.sql("""
                        with moved as (update customer_identities set customer_id = ? where customer_id = ?
                                       returning kind, value)
                        select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'value', value)), '[]')::text
                        from moved""").params(survivorId, mergedId).query(String.class).single();
        List<Long> contacts = jdbc.sql("update contacts set customer_id = ? where customer_id = ? returning id")
                .params(survivorId, mergedId)
                .query(Long.class)
                .list();
        jdbc.sql("update customers set merged_into = ?, updated_at = ? where id = ?")
                .params(survivorId, now(), mergedId)
                .update();
        long mergeId = jdbc.sql("""
                        insert into customer_merges (survivor_id, merged_id, survivor_before, survivor_after,
                            moved_identities, moved_contacts, merged_by, merged_at)
                        values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?) returning id""")
                .params(
                        survivorId,
                        mergedId,
                        before,
                        snapshot(survivorId),
                        identities,
                        contacts.toArray(Long[]::new),
                        AuditLog.currentActor(),
                        now())
                .query(Long.class)
                .single();
        notes.moveOnMerge(mergeId, survivorId, mergedId);
        jdbc.sql("""
                        update duplicate_candidates set status = 'MERGED'
                        where status = 'OPEN' and least(customer_id, other_id) = least(?::bigint, ?::bigint)
                          and greatest(customer_id, other_id) = greatest(?::bigint, ?::bigint)""").params(survivorId, mergedId, survivorId, mergedId).update();
        audit.record(
                "merge",
                "customer",
                survivorId,
                Map.of("survivor", customers.forAudit(survivorStored), "merged", customers.forAudit(mergedStored)),
                customers.forAudit(customers.findToContact(survivorId)));
        events.publishEvent(new CustomersMerged(mergeId, survivorId, mergedId));
        return find(mergeId);
    }

    /**
     * Undoes a merge: the merged customer comes back with its identities and contacts, and the survivor's fields that
     * the merge changed and nobody changed since go back to what they were.
     */
    @Transactional
    public CustomerMerge unmerge(long mergeId) {
        CustomerMerge merge = find(mergeId);
        if (merge.undoneAt() != null) {
            throw new ConflictException("Merge " + mergeId + " was undone already");
        }
        restoreContact(merge);
        jdbc.sql("update customers c set " + restoration() + ", updated_at = ?, version = c.version + 1"
                        + " from customer_merges m where m.id = ? and c.id = m.survivor_id")
                .params(now(), mergeId)
                .update();
        jdbc.sql("""
                        update customer_identities i set customer_id = m.merged_id
                        from customer_merges m, jsonb_to_recordset(m.moved_identities) as moved(kind text, value text)
                        where m.id = ? and i.kind = moved.kind and i.value = moved.value""").param(mergeId).update();
        jdbc.sql("""
                        update contacts c set customer_id = m.merged_id from customer_merges m
                        where m.id = ? and c.id = any(m.moved_contacts)""").param(mergeId).update();
        notes.moveBackOnUnmerge(mergeId, merge.mergedId());
        jdbc.sql("update customers set merged_into = null, updated_at = ? where id = ?")
                .params(now(), merge.mergedId())
                .update();
        jdbc.sql("update customer_merges set undone_by = ?, undone_at = ? where id = ?")
                .params(AuditLog.currentActor(), now(), mergeId)
                .update();
        audit.record(
                "unmerge",
                "customer",
                merge.survivorId(),
                merge,
                customers.forAudit(customers.findToContact(merge.mergedId())));
        events.publishEvent(new CustomersUnmerged(mergeId, merge.survivorId(), merge.mergedId()));
        return find(mergeId);
    }

    public CustomerMerge find(long mergeId) {
        return jdbc.sql("select " + MERGE_COLUMNS + " from customer_merges where id = ?")
                .param(mergeId)
                .query(CustomerMerges::mapMerge)
                .optional()
                .orElseThrow(() -> new NotFoundException("Merge", mergeId));
    }

    /** Merges into this customer that can still be undone, newest first. */
    public List<CustomerMerge> mergesInto(long survivorId) {
        return jdbc.sql("select " + MERGE_COLUMNS
                        + " from customer_merges where survivor_id = ? and undone_at is null order by id desc")
                .param(survivorId)
                .query(CustomerMerges::mapMerge)
                .list();
    }

    public long openCandidateCount() {
        return jdbc.sql("select count(*) from duplicate_candidates where status = 'OPEN'")
                .query(Long.class)
                .single();
    }

    /** The review queue: open pairs of possible duplicates, oldest first. */
    public List<DuplicateCandidate> openCandidates(int limit) {
        record Pair(long id, long customerId, long otherId, String reason, String status, Instant createdAt) {}
        List<Pair> pairs = jdbc.sql("""
                        select d.id, d.customer_id, d.other_id, d.reason, d.status, d.created_at
                        from duplicate_candidates d
                        join customers a on a.id = d.customer_id and a.merged_into is null
                        join customers b on b.id = d.other_id and b.merged_into is null
                        where d.status = 'OPEN' order by d.id limit ?""")
                .param(limit)
                .query((rs, row) -> new Pair(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
        Map<Long, Customer> byId = table.findAll(pairs.stream()
                .flatMap(pair -> java.util.stream.Stream.of(pair.customerId(), pair.otherId()))
                .collect(Collectors.toSet()));
        return pairs.stream()
                .map(pair -> new DuplicateCandidate(
                        pair.id(),
                        byId.get(pair.customerId()),
                        byId.get(pair.otherId()),
                        pair.reason(),
                        pair.status(),
                        pair.createdAt()))
                .toList();
    }

    @Transactional
    public void dismiss(long candidateId) {
        int updated = jdbc.sql("update duplicate_candidates set status = 'DISMISSED' where id = ? and status = 'OPEN'")
                .param(candidateId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("Open duplicate candidate", candidateId);
        }
        audit.record("dismiss", "duplicate_candidate", candidateId, null, null);
    }

    /** The newer record's value when it has one, else the other's. */
    private static String survivorship(boolean mergedIsNewer, String survivors, String merged) {
        return mergedIsNewer ? (merged != null ? merged : survivors) : (survivors != null ? survivors : merged);
    }

    /**
     * Puts the survivor's phone and email back as they were before the merge, each only if it still holds the value
     * the merge gave it; the snapshots hold them as stored then, plain or encrypted.
     */
    private void restoreContact(CustomerMerge merge) {
        record Snapshots(String before, String after) {}
        Snapshots snapshots = jdbc.sql(
                        "select survivor_before::text, survivor_after::text from customer_merges where id = ?")
                .param(merge.id())
                .query((rs, row) -> new Snapshots(rs.getString(1), rs.getString(2)))
                .single();
        long survivor = merge.survivorId();
        Map<String, Object> before = json.readValue(snapshots.before(), MAP);
        Map<String, Object> after = json.readValue(snapshots.after(), MAP);
        Customer now = customers.findToContact(survivor);
        String phone = now.phone();
        String email = now.email();
        if (java.util.Objects.equals(phone, stored(survivor, SensitiveField.PHONE, after))) {
            phone = stored(survivor, SensitiveField.PHONE, before);
        }
        if (java.util.Objects.equals(email, stored(survivor, SensitiveField.EMAIL, after))) {
            email = stored(survivor, SensitiveField.EMAIL, before);
        }
        if (!java.util.Objects.equals(phone, now.phone()) || !java.util.Objects.equals(email, now.email())) {
            table.updateContact(survivor, phone, email);
        }
    }

    /** A field's value in a snapshot of the customer's row ({@code to_jsonb}: bytea as {@code \\x} and hex). */
    private String stored(long customerId, SensitiveField field, Map<String, Object> snapshot) {
        Object cipher = snapshot.get(field.column() + "_cipher");
        return sealed.open(
                customerId,
                field,
                (String) snapshot.get(field.column()),
                cipher == null ? null : java.util.HexFormat.of().parseHex(((String) cipher).substring(2)));
    }

    private Customer live(long id) {
        Customer customer = customers.find(id);
        if (customer.mergedInto() != null) {
            throw new ConflictException("Customer " + id + " was merged into customer " + customer.mergedInto());
        }
        return customer;
    }

    private String snapshot(long customerId) {
        return jdbc.sql("select to_jsonb(c)::text from customers c where id = ?")
                .param(customerId)
                .query(String.class)
                .single();
    }

    /** Per field, the newer record's value when it has one, else the other's. */
    private static String survivorship() {
        String fields = PROFILE.keySet().stream()
                .map(column -> column + " = case when m.updated_at > s.updated_at then coalesce(m." + column + ", s."
                        + column + ") else coalesce(s." + column + ", m." + column + ") end")
                .collect(Collectors.joining(", "));
        return fields + ", custom_fields = case when m.updated_at > s.updated_at"
                + " then s.custom_fields || m.custom_fields else m.custom_fields || s.custom_fields end";
    }

    /** Per field, back to the value before the merge if it still holds the value the merge gave it. */
    private static String restoration() {
        String fields = PROFILE.entrySet().stream()
                .map(field -> {
                    String column = field.getKey();
                    String type = field.getValue();
                    return column + " = case when c." + column + " is not distinct from (m.survivor_after->>'"
                            + column + "')::" + type + " then (m.survivor_before->>'" + column + "')::" + type
                            + " else c." + column + " end";
                })
                .collect(Collectors.joining(", "));
        return fields + ", custom_fields = case when c.custom_fields = m.survivor_after->'custom_fields'"
                + " then m.survivor_before->'custom_fields' else c.custom_fields end";
    }

    private static CustomerMerge mapMerge(ResultSet rs, int row) throws SQLException {
        Timestamp undone = rs.getTimestamp(7);
        return new CustomerMerge(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                undone == null ? null : undone.toInstant());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}

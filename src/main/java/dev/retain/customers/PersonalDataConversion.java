package dev.retain.customers;

import dev.retain.platform.DueWork;
import dev.retain.platform.PostgresCopy;
import dev.retain.platform.WorkerThreads;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Brings every stored phone and email in line with the settings and the active key, in the background: encrypts
 * plain values of sensitive fields into their columns (and their identities and contact people), decrypts those no
 * longer sensitive, re-encrypts values under older keys. It walks the customers by id in batches, each batch one short
 * transaction that moves the cursor kept in {@code personal_data_conversion}, so a restart goes on where it stopped
 * and the server stays usable; the batch locks that row with {@code SKIP LOCKED}, so however many instances poll, one
 * converts at a time. It skips customers someone is changing at that moment rather than wait for them. At the end it
 * looks for anything left in the old form (those, or values written meanwhile by an instance that had not yet seen
 * the change) and goes back for it; only then is the conversion finished.
 */
@Component
public class PersonalDataConversion implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataConversion.class);

    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> MOVED = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final PostgresCopy copy;
    private final SealedContacts sealed;
    private final PersonalDataSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;
    private final boolean workerEnabled;
    private WorkerThreads worker;

    /** What the batch that finished the conversion returns: no customers done, the indexes to rebuild. */
    private static final int FINISHED = -1;

    PersonalDataConversion(
            JdbcClient jdbc,
            ObjectMapper json,
            PostgresCopy copy,
            SealedContacts sealed,
            PersonalDataSettings settings,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${retain.personal-data.conversion.batch-size:5000}") int batchSize,
            @Value("${retain.personal-data.conversion.worker-enabled:true}") boolean workerEnabled) {
        this.jdbc = jdbc;
        this.json = json;
        this.copy = copy;
        this.sealed = sealed;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = batchSize;
        this.workerEnabled = workerEnabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (workerEnabled) {
            worker = new WorkerThreads("personal-data-conversion", 1, this::runDue, 1, Duration.ofSeconds(5)).start();
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
    }

    /** Converts one batch, if a conversion is under way and no other instance is at it; returns the customers done. */
    @Override
    public int runDue() {
        return runDue(batchSize);
    }

    /** One batch of at most {@code size} customers; after the one that finished the conversion, the index rebuild. */
    int runDue(int size) {
        Integer done = transaction.execute(status -> batch(size));
        if (done != null && done == FINISHED) {
            rebuildIndexes();
            return 0;
        }
        return done == null ? 0 : done;
    }

    /**
     * The conversion rewrote every customer's row, identities and contact people, in an order unrelated to their
     * indexes' (a blind index is random): the indexes are left twice their size and half empty, and lookups by them
     * slower for it. They are rebuilt without blocking reads or writes; should that fail, they stay usable as they are.
     */
    private void rebuildIndexes() {
        for (String table : List.of("customer_identities", "contacts", "customers")) {
            long started = System.nanoTime();
            try {
                jdbc.sql("reindex table concurrently " + table).update();
                log.info(
                        "Indexes of {} rebuilt after the conversion in {} ms",
                        table,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (DataAccessException e) {
                log.warn("Indexes of {} not rebuilt after the conversion: {}", table, e.getMessage());
            }
        }
    }

    /** Runs batches until the conversion is finished, here and now (for tests and the benchmark). */
    public long runToEnd() {
        long total = 0;
        while (settings.fresh().converting()) {
            total += runDue();
        }
        return total;
    }

    private record Row(long id, String phone, String email, byte[] phoneCipher, byte[] emailCipher) {}

    private int batch(int size) {
        Optional<Long> cursor = jdbc.sql(
                        "select cursor_id from personal_data_conversion where cursor_id is not null for update skip locked")
                .query(Long.class)
                .optional();
        if (cursor.isEmpty()) {
            return 0;
        }
        // a batch lost in a crash is done again from the cursor it did not move: no need to wait for the disk
        jdbc.sql("set local synchronous_commit = off").update();
        PersonalDataSettings.Snapshot target = settings.fresh();
        List<Row> rows = jdbc.sql("""
                        select id, phone, email, phone_cipher, email_cipher from customers
                        where id > ? order by id limit ? for update skip locked""")
                .params(cursor.get(), size)
                .query((rs, n) ->
                        new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5)))
                .list();
        if (rows.isEmpty()) {
            return finishOrGoBack(target);
        }
        long first = rows.get(0).id();
        long last = rows.get(rows.size() - 1).id();
        convertCustomers(rows, target.sensitive());
        Map<String, String> renamed = convertIdentities(first, last, target.sensitive());
        convertContacts(first, last, target.sensitive());
        convertMerges(first, last, target.sensitive(), renamed);
        jdbc.sql("update personal_data_conversion set cursor_id = ?, customers_done = customers_done + ?")
                .params(last, rows.size())
                .update();
        return rows.size();
    }

    private void convertCustomers(List<Row> rows, Set<SensitiveField> sensitive) {
        var changed = new ArrayList<Object[]>();
        for (Row row : rows) {
            boolean phoneOff = needsConversion(SensitiveField.PHONE, row.phone(), row.phoneCipher(), sensitive);
            boolean emailOff = needsConversion(SensitiveField.EMAIL, row.email(), row.emailCipher(), sensitive);
            if (!phoneOff && !emailOff) {
                continue;
            }
            String phone = sealed.open(row.id(), SensitiveField.PHONE, row.phone(), row.phoneCipher());
            String email = sealed.open(row.id(), SensitiveField.EMAIL, row.email(), row.emailCipher());
            var values = new ArrayList<Object>(10);
            values.add(row.id());
            values.addAll(sealed.columns(row.id(), phone, email, sensitive).values());
            changed.add(values.toArray());
        }
        if (changed.isEmpty()) {
            return;
        }
        // kept by the connection, emptied at each commit: no table made and dropped per batch
        jdbc.sql("""
                        create temp table if not exists converted_customers (id bigint, phone text, phone_cipher bytea,
                            phone_bidx bytea, phone_last4_bidx bytea, phone_prefix text, email text, email_cipher bytea,
                            email_bidx bytea, email_domain text) on commit delete rows""").update();
        copy.into("converted_customers", "id, " + SealedContacts.COLUMN_NAMES, sink -> changed.forEach(sink::row));
        var assignments = new ArrayList<String>();
        for (String column : SealedContacts.COLUMN_NAMES.split(",\\s*")) {
            assignments.add(column + " = t." + column);
        }
        jdbc.sql("update customers c set " + String.join(", ", assignments)
                        // the batch's id range keeps the join on the primary key, however large the table
                        + " from converted_customers t where c.id = t.id and c.id between ? and ?")
                .params(rows.get(0).id(), rows.get(rows.size() - 1).id())
                .update();
    }

    /** Whether a stored value is in another form than asked for: plain but sensitive, or the other way, or old key. */
    private boolean needsConversion(SensitiveField field, String plain, byte[] cipher, Set<SensitiveField> sensitive) {
        if (sensitive.contains(field)) {
            return plain != null || sealed.underOldKey(cipher);
        }
        return cipher != null;
    }

    private record IdentityRow(String kind, String value, byte[] cipher, long customerId, Timestamp createdAt) {}

    /** The phone and email identities of the batch's customers, kept under their token with their value sealed, or plain. */
    private Map<String, String> convertIdentities(long first, long last, Set<SensitiveField> sensitive) {
        List<IdentityRow> identities = jdbc.sql("""
                        select kind, value, cipher, customer_id, created_at from customer_identities
                        where customer_id between ? and ? and kind in ('phone', 'email')""")
                .params(first, last)
                .query((rs, n) -> new IdentityRow(
                        rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getLong(4), rs.getTimestamp(5)))
                .list();
        var replaced = new ArrayList<Object[]>();
        var renamed = new HashMap<String, String>();
        for (IdentityRow identity : identities) {
            SensitiveField field = SensitiveField.ofColumn(identity.kind());
            boolean wanted = sensitive.contains(field);
            boolean isSealed = identity.cipher() != null;
            if (wanted == isSealed && !(isSealed && sealed.underOldKey(identity.cipher()))) {
                continue;
            }
            String value = sealed.openIdentity(identity.kind(), identity.value(), identity.cipher());
            String stored = wanted ? sealed.token(field, value) : value;
            replaced.add(new Object[] {
                identity.kind(),
                identity.value(),
                stored,
                wanted ? sealed.sealIdentity(field, stored, value) : null,
                identity.customerId(),
                identity.createdAt().toInstant()
            });
            renamed.put(identity.kind() + ":" + identity.value(), stored);
        }
        if (replaced.isEmpty()) {
            return renamed;
        }
        jdbc.sql("""
                        create temp table if not exists converted_identities (kind text, old_value text, value text,
                            cipher bytea, customer_id bigint, created_at timestamptz) on commit delete rows""").update();
        copy.into(
                "converted_identities",
                "kind, old_value, value, cipher, customer_id, created_at",
                sink -> replaced.forEach(sink::row));
        jdbc.sql("""
                        delete from customer_identities i using converted_identities t
                        where i.kind = t.kind and i.value = t.old_value and i.customer_id between ? and ?""").params(first, last).update();
        // the same identity in its other form, written meanwhile for another customer, keeps its place
        jdbc.sql("""
                        insert into customer_identities (kind, value, customer_id, created_at, cipher)
                        select t.kind, t.value, t.customer_id, t.created_at, t.cipher from converted_identities t
                        on conflict do nothing""").update();
        return renamed;
    }

    private record MergeRow(long id, long survivor, String before, String after, String moved) {}

    /**
     * The merges into the batch's customers keep what an unmerge needs: the survivor's phone and email before and
     * after (stored as the settings ask, bound to the survivor) and the identities moved (under their new values).
     * Reasons of possible duplicates stop naming an encrypted value.
     */
    private void convertMerges(long first, long last, Set<SensitiveField> sensitive, Map<String, String> renamed) {
        List<MergeRow> merges = jdbc.sql("""
                        select id, survivor_id, survivor_before::text, survivor_after::text, moved_identities::text
                        from customer_merges where survivor_id between ? and ? and undone_at is null""")
                .params(first, last)
                .query((rs, n) ->
                        new MergeRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        for (MergeRow merge : merges) {
            String before = snapshot(merge.survivor(), merge.before(), sensitive);
            String after = snapshot(merge.survivor(), merge.after(), sensitive);
            String moved = movedIdentities(merge.moved(), sensitive, renamed);
            if (before != null || after != null || moved != null) {
                jdbc.sql("""
                                update customer_merges set survivor_before = ?::jsonb, survivor_after = ?::jsonb,
                                    moved_identities = ?::jsonb where id = ?""")
                        .params(
                                before != null ? before : merge.before(),
                                after != null ? after : merge.after(),
                                moved != null ? moved : merge.moved(),
                                merge.id())
                        .update();
            }
        }
        if (!sensitive.isEmpty()) {
            jdbc.sql("""
                            update duplicate_candidates set reason = 'same ' || split_part(reason, ' ', 2)
                            where customer_id between ? and ? and reason ~ '^same (phone|email) [^#]'""").params(first, last).update();
        }
    }

    /** A snapshot of a customer's row ({@code to_jsonb}) with phone and email as asked; null when it needs no change. */
    private String snapshot(long customerId, String text, Set<SensitiveField> sensitive) {
        Map<String, Object> row = json.readValue(text, ROW);
        String phone = sealed.open(
                customerId, SensitiveField.PHONE, (String) row.get("phone"), bytes(row.get("phone_cipher")));
        String email = sealed.open(
                customerId, SensitiveField.EMAIL, (String) row.get("email"), bytes(row.get("email_cipher")));
        boolean off = needsConversion(
                        SensitiveField.PHONE, (String) row.get("phone"), bytes(row.get("phone_cipher")), sensitive)
                || needsConversion(
                        SensitiveField.EMAIL, (String) row.get("email"), bytes(row.get("email_cipher")), sensitive);
        if (!off) {
            return null;
        }
        List<Object> values =
                sealed.columns(customerId, phone, email, sensitive).values();
        String[] columns = SealedContacts.COLUMN_NAMES.split(",\\s*");
        for (int i = 0; i < columns.length; i++) {
            Object value = values.get(i);
            row.put(
                    columns[i],
                    value instanceof byte[] b ? "\\x" + HexFormat.of().formatHex(b) : value);
        }
        return json.writeValueAsString(row);
    }

    /** The moved identities ({@code [{kind, value}]}) under the values their identities have now; null if unchanged. */
    private String movedIdentities(String text, Set<SensitiveField> sensitive, Map<String, String> renamed) {
        List<Map<String, Object>> moved = json.readValue(text, MOVED);
        boolean changed = false;
        for (Map<String, Object> identity : moved) {
            String kind = (String) identity.get("kind");
            String value = (String) identity.get("value");
            if (!kind.equals("phone") && !kind.equals("email")) {
                continue;
            }
            String now = renamed.get(kind + ":" + value);
            if (now == null && sensitive.contains(SensitiveField.ofColumn(kind)) && !SealedContacts.isToken(value)) {
                now = sealed.token(SensitiveField.ofColumn(kind), value);
            }
            if (now != null && !now.equals(value)) {
                identity.put("value", now);
                changed = true;
            }
        }
        return changed ? json.writeValueAsString(moved) : null;
    }

    private static byte[] bytes(Object hex) {
        return hex == null ? null : HexFormat.of().parseHex(((String) hex).substring(2));
    }

    private record ContactRow(long id, String phone, String email, byte[] phoneCipher, byte[] emailCipher) {}

    private void convertContacts(long first, long last, Set<SensitiveField> sensitive) {
        List<ContactRow> contacts = jdbc.sql("""
                        select id, phone, email, phone_cipher, email_cipher from contacts
                        where customer_id between ? and ?
                          and (phone is not null or email is not null or phone_cipher is not null
                               or email_cipher is not null)""")
                .params(first, last)
                .query((rs, n) ->
                        new ContactRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5)))
                .list();
        for (ContactRow contact : contacts) {
            boolean phoneOff = needsConversion(SensitiveField.PHONE, contact.phone(), contact.phoneCipher(), sensitive);
            boolean emailOff = needsConversion(SensitiveField.EMAIL, contact.email(), contact.emailCipher(), sensitive);
            if (!phoneOff && !emailOff) {
                continue;
            }
            String phone =
                    sealed.openContact(contact.id(), SensitiveField.PHONE, contact.phone(), contact.phoneCipher());
            String email =
                    sealed.openContact(contact.id(), SensitiveField.EMAIL, contact.email(), contact.emailCipher());
            boolean sealPhone = phone != null && sensitive.contains(SensitiveField.PHONE);
            boolean sealEmail = email != null && sensitive.contains(SensitiveField.EMAIL);
            // contact people are few per company: one statement each
            jdbc.sql("update contacts set phone = ?, email = ?, phone_cipher = ?, email_cipher = ? where id = ?")
                    .params(
                            sealPhone ? null : phone,
                            sealEmail ? null : email,
                            sealPhone ? sealed.sealContact(contact.id(), SensitiveField.PHONE, phone) : null,
                            sealEmail ? sealed.sealContact(contact.id(), SensitiveField.EMAIL, email) : null,
                            contact.id())
                    .update();
        }
    }

    /**
     * At the end of the customers: anything still in the old form (written meanwhile by an instance that had not yet
     * seen the change) sends the cursor back to it; otherwise the conversion is finished.
     */
    private int finishOrGoBack(PersonalDataSettings.Snapshot target) {
        Long leftover = jdbc.sql("select min(customer_id) from (" + leftovers(target.sensitive()) + ") l")
                .query(Long.class)
                .optional()
                .orElse(null);
        if (leftover != null) {
            jdbc.sql("update personal_data_conversion set cursor_id = ?")
                    .param(leftover - 1)
                    .update();
            return 1;
        }
        jdbc.sql("update personal_data_conversion set cursor_id = null, finished_at = ?")
                .param(Timestamp.from(clock.instant()))
                .update();
        settings.forget();
        log.info("Personal data conversion finished: phone and email stored as the settings ask");
        return FINISHED;
    }

    /** The customers (ids) with a value in the old form, each test on an index or a small table. */
    private String leftovers(Set<SensitiveField> sensitive) {
        var parts = new ArrayList<String>();
        int active = sealed.activeKeyVersion();
        for (SensitiveField field : SensitiveField.values()) {
            String column = field.column();
            if (sensitive.contains(field)) {
                parts.add("select id as customer_id from customers where " + column + " is not null");
                parts.add("select customer_id from customer_identities where kind = '" + column
                        + "' and left(value, 1) <> '#'");
                parts.add("select customer_id from contacts where " + column + " is not null");
                parts.add("select id as customer_id from customers where " + column + "_bidx is not null and "
                        + keyVersion(column + "_cipher") + " <> " + active);
            } else {
                parts.add("select id as customer_id from customers where " + column + "_bidx is not null");
                parts.add("select customer_id from customer_identities where kind = '" + column
                        + "' and cipher is not null");
                parts.add("select customer_id from contacts where " + column + "_cipher is not null");
            }
        }
        return String.join(" union all ", parts);
    }

    private static String keyVersion(String column) {
        return "(get_byte(" + column + ", 1) * 256 + get_byte(" + column + ", 2))";
    }
}

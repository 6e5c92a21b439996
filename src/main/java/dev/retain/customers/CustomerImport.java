package dev.retain.customers;

import dev.retain.platform.PostgresCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Identity resolution for imports, set-based. The importer fills the temporary table {@code staged_customers} (created
 * by {@link #createStaging()} inside the importer's transaction, filled with {@code COPY} in the order of
 * {@link #STAGING_COLUMNS}, values already clean), then {@link #resolve} decides for every row which customer it is:
 *
 * <ol>
 *   <li>a row whose external id, phone, email or company key (in that order of strength) is known belongs to that
 *       customer;
 *   <li>rows of the file that share any of those identities are one customer;
 *   <li>the rest become new customers, with the most recent non-empty value of each field.
 * </ol>
 *
 * Afterwards {@code staged_customers.customer_id} and {@code outcome} ({@code imported} for the row that created a
 * customer, {@code merged} for every other row) are set. Identities that already belong to another customer are put
 * in the review queue of possible duplicates instead of being moved.
 *
 * <p>Where phone or email are sensitive, each distinct value of the file gets its blind index here, in Java, before
 * matching (the keys never reach the database); matching then joins on the indexes as it would on the values, and new
 * and changed customers' values are encrypted once their ids are known. Plain values stay in the temporary tables.
 */
@Service
public class CustomerImport {

    public static final String STAGING_COLUMNS =
            "row_number, ext_ref, phone, email, company_key, kind, name, gender, birthday, city, region, industry,"
                    + " contact_name, signed_up_at";

    /** Identity kinds that are not source systems. */
    public static final Set<String> RESERVED_KINDS = Set.of("phone", "email", "company", "wechat");

    /** How many rows created customers, and how many joined an existing one. */
    public record Resolution(long created, long merged, long duplicateCandidates) {}

    private static final int CHUNK = 20_000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final PostgresCopy copy;
    private final SealedContacts sealed;
    private final PersonalDataSettings settings;

    CustomerImport(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PostgresCopy copy,
            SealedContacts sealed,
            PersonalDataSettings settings) {
        this.jdbc = jdbc;
        this.events = events;
        this.copy = copy;
        this.sealed = sealed;
        this.settings = settings;
    }

    public void createStaging() {
        jdbc.sql("""
                        create temp table staged_customers (
                            row_number bigint primary key, ext_ref text, phone text, email text, company_key text,
                            kind text, name text, gender text, birthday date, city text, region text, industry text,
                            contact_name text, signed_up_at timestamptz,
                            grp bigint, customer_id bigint, match_strength int, outcome text
                        ) on commit drop""").update();
    }

    public Resolution resolve(String source) {
        if (!source.matches("[a-z][a-z0-9_]{0,39}") || RESERVED_KINDS.contains(source)) {
            throw new IllegalArgumentException("Not a source system name: " + source);
        }
        PersonalDataSettings.Snapshot personal = settings.now();
        if (anyMayBeSealed(personal)) {
            computeBlindIndexes(personal);
        }
        collectIdentities(source, personal);
        matchKnownCustomers();
        groupRowsSharingAnIdentity();
        long created = createCustomersForNewGroups(source, personal);
        var changed = new ArrayList<Long>(updateMatchedCustomers(personal));
        long candidates = recordIdentities(personal);
        candidates += suggestSameNameAndCity();
        long merged = jdbc.sql("select count(*) from staged_customers where outcome = 'merged'")
                .query(Long.class)
                .single();
        jdbc.sql("drop table staged_identities").update();
        changed.addAll(
                jdbc.sql("select id from new_customers").query(Long.class).list());
        if (!changed.isEmpty()) {
            events.publishEvent(CustomersChanged.of(changed));
        }
        return new Resolution(created, merged, candidates);
    }

    private static boolean anyMayBeSealed(PersonalDataSettings.Snapshot personal) {
        return personal.mayBeSealed(SensitiveField.PHONE) || personal.mayBeSealed(SensitiveField.EMAIL);
    }

    /**
     * The blind index, identity token, derived column and sealed identity value of every distinct phone and email of
     * the file, computed here (the keys never reach the database) into {@code staged_keys}, so that matching stays
     * set-based in SQL.
     */
    private void computeBlindIndexes(PersonalDataSettings.Snapshot personal) {
        jdbc.sql("""
                        create temp table staged_values on commit drop as
                        select row_number() over () as n, kind, value from (
                            select distinct 'phone' as kind, phone as value from staged_customers where phone is not null
                            union all
                            select distinct 'email', email from staged_customers where email is not null) v""").update();
        jdbc.sql("""
                        create temp table staged_keys (kind text, value text, token text, bidx bytea, last4 bytea,
                            derived text, cipher bytea) on commit drop""").update();
        long values =
                jdbc.sql("select count(*) from staged_values").query(Long.class).single();
        if (values == 0) {
            // an order or event file naming its customers by their ids alone
            return;
        }
        jdbc.sql("create index on staged_values (n)").update();
        record Value(String kind, String value) {}
        for (long from = 0; from < values; from += CHUNK) {
            List<Value> chunk = jdbc.sql("select kind, value from staged_values where n > ? and n <= ?")
                    .params(from, from + CHUNK)
                    .query((rs, row) -> new Value(rs.getString(1), rs.getString(2)))
                    .list();
            copy.into(
                    "staged_keys",
                    "kind, value, token, bidx, last4, derived, cipher",
                    rows -> chunk.forEach(v -> {
                        SensitiveField field = SensitiveField.ofColumn(v.kind());
                        byte[] bidx = sealed.blindIndex(field, v.value());
                        String token = SealedContacts.tokenOf(bidx);
                        boolean phone = field == SensitiveField.PHONE;
                        rows.row(
                                v.kind(),
                                v.value(),
                                token,
                                bidx,
                                phone ? sealed.lastFourIndex(PhonePrefix.lastFour(v.value())) : null,
                                phone ? PhonePrefix.of(v.value()) : SealedContacts.domainOf(v.value()),
                                personal.isSensitive(field) ? sealed.sealIdentity(field, token, v.value()) : null);
                    }));
        }
        jdbc.sql("create index on staged_keys (kind, value)").update();
        jdbc.sql("create index on staged_keys (token)").update();
        jdbc.sql("analyze staged_keys").update();
    }

    /**
     * Every identity of every row, in each form its stored counterpart may have now: the value itself, the token of
     * an encrypted field, or both while stored values are converted; {@code target} marks the form to record.
     */
    private void collectIdentities(String source, PersonalDataSettings.Snapshot personal) {
        var sql = new StringBuilder("""
                create temp table staged_identities on commit drop as
                select row_number, ?::text as kind, ext_ref as value, 1 as strength, true as target
                from staged_customers where ext_ref is not null
                union all select row_number, 'company', company_key, 4, true from staged_customers
                          where company_key is not null""");
        for (SensitiveField field : SensitiveField.values()) {
            String column = field.column();
            int strength = field == SensitiveField.PHONE ? 2 : 3;
            if (personal.mayBePlain(field)) {
                sql.append(
                        "\nunion all select row_number, '%1$s', %1$s, %2$d, %3$s from staged_customers where %1$s is not null"
                                .formatted(column, strength, !personal.isSensitive(field)));
            }
            if (personal.mayBeSealed(field)) {
                sql.append(("\nunion all select s.row_number, '%1$s', k.token, %2$d, %3$s from staged_customers s"
                                + " join staged_keys k on k.kind = '%1$s' and k.value = s.%1$s")
                        .formatted(column, strength, personal.isSensitive(field)));
            }
        }
        jdbc.sql(sql.toString()).param(source).update();
        jdbc.sql("create index on staged_identities (kind, value)").update();
        jdbc.sql("analyze staged_identities").update();
        jdbc.sql("analyze staged_customers").update();
    }

    private void matchKnownCustomers() {
        jdbc.sql("""
                        update staged_customers s set customer_id = m.customer_id, match_strength = m.strength
                        from (select distinct on (si.row_number) si.row_number, i.customer_id, si.strength
                              from staged_identities si
                              join customer_identities i on i.kind = si.kind and i.value = si.value
                              order by si.row_number, si.strength) m
                        where m.row_number = s.row_number""").update();
    }

    /** Label propagation: each row takes the smallest group of any row it shares an identity with, until stable. */
    private void groupRowsSharingAnIdentity() {
        jdbc.sql("update staged_customers set grp = row_number").update();
        int changed;
        do {
            changed = jdbc.sql("""
                            with by_identity as (
                                select si.kind, si.value, min(s.grp) as grp
                                from staged_identities si join staged_customers s using (row_number)
                                group by si.kind, si.value having count(*) > 1),
                            by_row as (
                                select si.row_number, min(b.grp) as grp
                                from staged_identities si join by_identity b using (kind, value)
                                group by si.row_number)
                            update staged_customers s set grp = by_row.grp
                            from by_row where by_row.row_number = s.row_number and by_row.grp < s.grp""").update();
        } while (changed > 0);
        // A group takes the customer its strongest match points at.
        jdbc.sql("""
                        update staged_customers s set customer_id = g.customer_id
                        from (select distinct on (grp) grp, customer_id from staged_customers
                              where customer_id is not null order by grp, match_strength, row_number) g
                        where g.grp = s.grp and s.customer_id is distinct from g.customer_id""").update();
    }

    private long createCustomersForNewGroups(String source, PersonalDataSettings.Snapshot personal) {
        jdbc.sql(withNewest(
                        """
                        create temp table new_customers on commit drop as
                        select grp, nextval(pg_get_serial_sequence('customers', 'id')) as id, min(row_number) as first_row,
                            coalesce(newest(kind), case when bool_or(company_key is not null) then 'COMPANY' else 'PERSON' end)
                                as kind,
                            coalesce(newest(name), newest(ext_ref), %s, %s) as name,
                            newest(phone) as phone, newest(email) as email, newest(gender) as gender,
                            newest(birthday) as birthday, newest(city) as city, newest(region) as region,
                            newest(industry) as industry, min(signed_up_at) as signed_up_at
                        from staged_customers s where customer_id is null
                        group by grp""".formatted(nameOf(SensitiveField.PHONE, personal), nameOf(SensitiveField.EMAIL, personal))))
                .update();
        String contacts = storedContacts("new_customers", "id", personal);
        long created = jdbc.sql("""
                        insert into customers (id, kind, name, gender, birthday, city, region, industry,
                                               source, signed_up_at, created_at, updated_at, %s)
                        select n.id, n.kind, n.name, n.gender, n.birthday, n.city, n.region,
                               n.industry, ?, coalesce(n.signed_up_at, now()), now(), now(), %s
                        from new_customers n left join %s k on k.id = n.id""".formatted(
                                SealedContacts.COLUMN_NAMES, prefixed("k.", SealedContacts.COLUMN_NAMES), contacts))
                .param(source)
                .update();
        jdbc.sql("""
                        update staged_customers s
                        set customer_id = n.id, outcome = case when s.row_number = n.first_row then 'imported' else 'merged' end
                        from new_customers n where n.grp = s.grp and s.customer_id is null""").update();
        jdbc.sql("update staged_customers set outcome = 'merged' where outcome is null")
                .update();
        jdbc.sql("""
                        insert into contacts (customer_id, name, phone)
                        select distinct on (s.customer_id, s.contact_name) s.customer_id, s.contact_name, null
                        from staged_customers s
                        where s.contact_name is not null and s.kind is distinct from 'PERSON'
                          and not exists (select 1 from contacts c where c.customer_id = s.customer_id
                                          and c.name = s.contact_name)""").update();
        return created;
    }

    /**
     * Customers that existed take the file's newest non-empty values; unchanged customers are not touched. Returns the
     * ids of the customers that changed. A phone or email compares by its blind index where it is encrypted.
     */
    private List<Long> updateMatchedCustomers(PersonalDataSettings.Snapshot personal) {
        jdbc.sql(withNewest("""
                        create temp table matched_values on commit drop as
                        select customer_id as id, newest(name) as name, newest(phone) as phone, newest(email) as email,
                               newest(gender) as gender, newest(birthday) as birthday, newest(city) as city,
                               newest(region) as region, newest(industry) as industry
                        from staged_customers s
                        where not exists (select 1 from new_customers n where n.id = s.customer_id)
                        group by customer_id""")).update();
        // the customers whose phone or email the file changes, or whose stored form is not the one asked for now
        jdbc.sql("""
                        create temp table changed_contacts on commit drop as
                        select u.id, u.phone, u.email
                        from matched_values u join customers c on c.id = u.id
                        where (u.phone is not null and %s) or (u.email is not null and %s)""".formatted(
                        contactChanges(SensitiveField.PHONE, personal), contactChanges(SensitiveField.EMAIL, personal)))
                .update();
        String contacts = storedContacts("changed_contacts", "id", personal);
        return jdbc.sql("""
                        update customers c set
                            name = coalesce(u.name, c.name), gender = coalesce(u.gender, c.gender),
                            birthday = coalesce(u.birthday, c.birthday), city = coalesce(u.city, c.city),
                            region = coalesce(u.region, c.region), industry = coalesce(u.industry, c.industry),
                            %s,
                            updated_at = now(), version = c.version + 1
                        from matched_values u left join changed_contacts x on x.id = u.id left join %s k on k.id = u.id
                        where c.id = u.id
                          and ((coalesce(u.name, c.name), coalesce(u.gender, c.gender), coalesce(u.birthday, c.birthday),
                                coalesce(u.city, c.city), coalesce(u.region, c.region), coalesce(u.industry, c.industry))
                              is distinct from (c.name, c.gender, c.birthday, c.city, c.region, c.industry)
                               or x.id is not null)
                        returning c.id""".formatted(contactAssignments(), contacts))
                .query(Long.class)
                .list();
    }

    /** Whether the file's value of the field differs from the stored one, or is stored in another form than asked. */
    private static String contactChanges(SensitiveField field, PersonalDataSettings.Snapshot personal) {
        String column = field.column();
        if (personal.isSensitive(field)) {
            return ("(c.%1$s is not null or c.%1$s_bidx is distinct from (select bidx from staged_keys k"
                            + " where k.kind = '%1$s' and k.value = u.%1$s))")
                    .formatted(column);
        }
        return "(c.%1$s_cipher is not null or c.%1$s is distinct from u.%1$s)".formatted(column);
    }

    /** A new customer without a name is named by its phone or email: masked, where the field is sensitive. */
    private static String nameOf(SensitiveField field, PersonalDataSettings.Snapshot personal) {
        if (!personal.isSensitive(field)) {
            return "newest(" + field.column() + ")";
        }
        return field == SensitiveField.PHONE
                ? "left(newest(phone), length(newest(phone)) - 8) || '****' || right(newest(phone), 4)"
                : "left(newest(email), 1) || '***' || substr(newest(email), strpos(newest(email), '@'))";
    }

    /** Each phone and email column takes its new stored form where the file changed it, else keeps its own. */
    private static String contactAssignments() {
        var assignments = new ArrayList<String>();
        for (String column : SealedContacts.COLUMN_NAMES.split(",\\s*")) {
            String field = column.startsWith("phone") ? "phone" : "email";
            assignments.add("%1$s = case when x.%2$s is not null then k.%1$s else c.%1$s end".formatted(column, field));
        }
        return String.join(", ", assignments);
    }

    /**
     * The name of a temporary table holding, per {@code id}, the phone and email columns as stored for the rows of
     * {@code table (id, phone, email)}: sealed here in Java when a field is sensitive (bound to the customer's id),
     * in SQL otherwise.
     */
    private String storedContacts(String table, String id, PersonalDataSettings.Snapshot personal) {
        String stored = table + "_stored";
        boolean none = !jdbc.sql("select exists (select 1 from " + table + ")")
                .query(Boolean.class)
                .single();
        if (personal.sensitive().isEmpty() || none) {
            jdbc.sql(("create temp table %s on commit drop as select %s as id, phone, null::bytea as phone_cipher,"
                                    + " null::bytea as phone_bidx, null::bytea as phone_last4_bidx, null::text as"
                                    + " phone_prefix, email, null::bytea as email_cipher, null::bytea as email_bidx,"
                                    + " null::text as email_domain from %s")
                            .formatted(stored, id, table))
                    .update();
            if (none) {
                return stored;
            }
        } else {
            jdbc.sql(("create temp table %s (id bigint, phone text, phone_cipher bytea, phone_bidx bytea,"
                                    + " phone_last4_bidx bytea, phone_prefix text, email text, email_cipher bytea,"
                                    + " email_bidx bytea, email_domain text) on commit drop")
                            .formatted(stored))
                    .update();
            jdbc.sql("create index on %s (%s)".formatted(table, id)).update();
            record Contact(long id, String phone, String email) {}
            Set<SensitiveField> sensitive = personal.sensitive();
            for (long after = Long.MIN_VALUE; ; ) {
                List<Contact> chunk = jdbc.sql(
                                "select %1$s, phone, email from %2$s where %1$s > ? order by %1$s limit ?"
                                        .formatted(id, table))
                        .params(after, CHUNK)
                        .query((rs, row) -> new Contact(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        .list();
                if (chunk.isEmpty()) {
                    break;
                }
                after = chunk.get(chunk.size() - 1).id();
                copy.into(
                        stored,
                        "id, " + SealedContacts.COLUMN_NAMES,
                        rows -> chunk.forEach(c -> {
                            var values = new ArrayList<Object>(10);
                            values.add(c.id());
                            values.addAll(sealed.columns(c.id(), c.phone(), c.email(), sensitive)
                                    .values());
                            rows.row(values.toArray());
                        }));
            }
        }
        jdbc.sql("create index on %s (id)".formatted(stored)).update();
        jdbc.sql("analyze " + stored).update();
        return stored;
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }

    private static final Pattern NEWEST = Pattern.compile("newest\\((\\w+)\\)");

    /**
     * Expands {@code newest(column)}: the most recent non-empty value of a column within a group, later rows of a file
     * being newer.
     */
    private static String withNewest(String sql) {
        return NEWEST.matcher(sql)
                .replaceAll("(array_agg($1 order by row_number desc) filter (where $1 is not null))[1]");
    }

    /** A new customer with the name and city of an existing one may be that customer: a person decides. */
    private long suggestSameNameAndCity() {
        return jdbc.sql("""
                        insert into duplicate_candidates (customer_id, other_id, reason, created_at)
                        select distinct least(n.id, c.id), greatest(n.id, c.id),
                               'same name and city: ' || c.name || ', ' || c.city, now()
                        from new_customers n
                        join customers c on c.name = n.name and c.city = n.city and c.id <> n.id
                        where n.city is not null and c.merged_into is null
                        on conflict do nothing""").update();
    }

    /** Records every new identity; one that belongs to another customer goes to the review queue. */
    private long recordIdentities(PersonalDataSettings.Snapshot personal) {
        boolean sealing = anyMayBeSealed(personal);
        jdbc.sql("""
                        insert into customer_identities (kind, value, customer_id, created_at, cipher)
                        select distinct on (si.kind, si.value) si.kind, si.value, s.customer_id, now(), %s
                        from staged_identities si join staged_customers s using (row_number)
                        where si.target %s
                        order by si.kind, si.value, si.strength, s.row_number
                        on conflict do nothing""".formatted(
                                sealing ? "(select k.cipher from staged_keys k where k.token = si.value)" : "null",
                                personal.converting()
                                        // while stored forms convert, an identity held in its other form is taken
                                        ? """
                                        and not exists (select 1 from staged_identities o
                                                        join customer_identities i on i.kind = o.kind and i.value = o.value
                                                        where o.row_number = si.row_number and o.kind = si.kind
                                                          and not o.target)"""
                                        : ""))
                .update();
        return jdbc.sql("""
                        insert into duplicate_candidates (customer_id, other_id, reason, created_at)
                        select distinct least(s.customer_id, i.customer_id), greatest(s.customer_id, i.customer_id),
                               'same ' || si.kind
                                   || case when si.kind in ('phone', 'email') and left(si.value, 1) = '#' then ''
                                           else ' ' || si.value end, now()
                        from staged_identities si join staged_customers s using (row_number)
                        join customer_identities i on i.kind = si.kind and i.value = si.value
                        where i.customer_id <> s.customer_id
                        on conflict do nothing""").update();
    }
}

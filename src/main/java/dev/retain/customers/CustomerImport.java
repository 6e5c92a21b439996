package dev.retain.customers;

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

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    CustomerImport(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
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
        collectIdentities(source);
        matchKnownCustomers();
        groupRowsSharingAnIdentity();
        long created = createCustomersForNewGroups(source);
        var changed = new ArrayList<Long>(updateMatchedCustomers());
        long candidates = recordIdentities();
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

    private void collectIdentities(String source) {
        jdbc.sql("""
                        create temp table staged_identities on commit drop as
                        select row_number, ?::text as kind, ext_ref as value, 1 as strength
                        from staged_customers where ext_ref is not null
                        union all select row_number, 'phone', phone, 2 from staged_customers where phone is not null
                        union all select row_number, 'email', email, 3 from staged_customers where email is not null
                        union all select row_number, 'company', company_key, 4 from staged_customers
                                  where company_key is not null""").param(source).update();
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

    private long createCustomersForNewGroups(String source) {
        jdbc.sql(withNewest("""
                        create temp table new_customers on commit drop as
                        select grp, nextval(pg_get_serial_sequence('customers', 'id')) as id, min(row_number) as first_row,
                            coalesce(newest(kind), case when bool_or(company_key is not null) then 'COMPANY' else 'PERSON' end)
                                as kind,
                            coalesce(newest(name), newest(ext_ref), newest(phone), newest(email)) as name,
                            newest(phone) as phone, newest(email) as email, newest(gender) as gender,
                            newest(birthday) as birthday, newest(city) as city, newest(region) as region,
                            newest(industry) as industry, min(signed_up_at) as signed_up_at
                        from staged_customers s where customer_id is null
                        group by grp""")).update();
        long created = jdbc.sql("""
                        insert into customers (id, kind, name, phone, email, gender, birthday, city, region, industry,
                                               source, signed_up_at, created_at, updated_at)
                        select n.id, n.kind, n.name, n.phone, n.email, n.gender, n.birthday, n.city, n.region,
                               n.industry, ?, coalesce(n.signed_up_at, now()), now(), now()
                        from new_customers n""").param(source).update();
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

    /** Customers that existed take the file's newest non-empty values; unchanged customers are not touched. */
    /** Returns the ids of the customers that changed. */
    private List<Long> updateMatchedCustomers() {
        return jdbc.sql(withNewest("""
                        update customers c set
                            name = coalesce(u.name, c.name), phone = coalesce(u.phone, c.phone),
                            email = coalesce(u.email, c.email), gender = coalesce(u.gender, c.gender),
                            birthday = coalesce(u.birthday, c.birthday), city = coalesce(u.city, c.city),
                            region = coalesce(u.region, c.region), industry = coalesce(u.industry, c.industry),
                            updated_at = now(), version = c.version + 1
                        from (select customer_id, newest(name) as name, newest(phone) as phone, newest(email) as email,
                                     newest(gender) as gender, newest(birthday) as birthday, newest(city) as city,
                                     newest(region) as region, newest(industry) as industry
                              from staged_customers s
                              where not exists (select 1 from new_customers n where n.id = s.customer_id)
                              group by customer_id) u
                        where c.id = u.customer_id
                          and (coalesce(u.name, c.name), coalesce(u.phone, c.phone), coalesce(u.email, c.email),
                               coalesce(u.gender, c.gender), coalesce(u.birthday, c.birthday),
                               coalesce(u.city, c.city), coalesce(u.region, c.region),
                               coalesce(u.industry, c.industry))
                              is distinct from (c.name, c.phone, c.email, c.gender, c.birthday, c.city, c.region,
                                                c.industry)
                        returning c.id""")).query(Long.class).list();
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
    private long recordIdentities() {
        jdbc.sql("""
                        insert into customer_identities (kind, value, customer_id, created_at)
                        select distinct on (si.kind, si.value) si.kind, si.value, s.customer_id, now()
                        from staged_identities si join staged_customers s using (row_number)
                        order by si.kind, si.value, si.strength, s.row_number
                        on conflict do nothing""").update();
        return jdbc.sql("""
                        insert into duplicate_candidates (customer_id, other_id, reason, created_at)
                        select distinct least(s.customer_id, i.customer_id), greatest(s.customer_id, i.customer_id),
                               'same ' || si.kind || ' ' || si.value, now()
                        from staged_identities si join staged_customers s using (row_number)
                        join customer_identities i on i.kind = si.kind and i.value = si.value
                        where i.customer_id <> s.customer_id
                        on conflict do nothing""").update();
    }
}

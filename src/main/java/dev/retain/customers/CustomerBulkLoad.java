package dev.retain.customers;

import dev.retain.platform.PostgresCopy;
import dev.retain.platform.Replayable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads many customers with {@code COPY}: customers, then contacts, their numbers in the company's systems, then their
 * phone and email identities in one statement. For the demo dataset and benchmarks; imports of real files go through identity resolution instead.
 */
@Component
class CustomerBulkLoad {

    private final PostgresCopy copy;
    private final JdbcClient jdbc;

    CustomerBulkLoad(PostgresCopy copy, JdbcClient jdbc) {
        this.copy = copy;
        this.jdbc = jdbc;
    }

    @Transactional
    long load(Replayable<CustomerRecord> customers) {
        long loaded = copy.into(
                "customers",
                "id, kind, name, phone, email, gender, birthday, city, region, industry, owner_id, status,"
                        + " lifecycle_stage, source, signed_up_at, created_at, updated_at",
                rows -> customers.forEach(c -> rows.row(
                        c.id(),
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
                        CustomerStatus.ACTIVE.name(),
                        c.lifecycleStage().name(),
                        c.source(),
                        c.signedUpAt(),
                        c.signedUpAt(),
                        c.signedUpAt())));
        copy.into(
                "contacts",
                "customer_id, name, title, phone, email",
                rows -> customers.forEach(c -> c.contacts()
                        .forEach(contact ->
                                rows.row(c.id(), contact.name(), contact.title(), contact.phone(), contact.email()))));
        copy.into(
                "customer_identities",
                "kind, value, customer_id, created_at",
                rows -> customers.forEach(c -> c.identities()
                        .forEach(identity -> rows.row(identity.kind(), identity.value(), c.id(), c.signedUpAt()))));
        // The first customer to hold a phone or email keeps it, as identity resolution would decide.
        jdbc.sql("""
                        insert into customer_identities (kind, value, customer_id, created_at)
                        select kind, value, customer_id, created_at from (
                            select 'phone' as kind, phone as value, id as customer_id, created_at
                            from customers where phone is not null
                            union all
                            select 'email', email, id, created_at from customers where email is not null) identities
                        order by customer_id
                        on conflict do nothing""").update();
        jdbc.sql("select setval(pg_get_serial_sequence('customers', 'id'), coalesce(max(id), 1)) from customers")
                .query(Long.class)
                .single();
        // Fresh statistics, so the first set-based queries after a bulk load get sensible plans.
        jdbc.sql("analyze customers").update();
        jdbc.sql("analyze customer_identities").update();
        return loaded;
    }
}

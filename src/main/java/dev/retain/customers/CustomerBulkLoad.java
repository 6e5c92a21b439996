package dev.retain.customers;

import dev.retain.platform.PostgresCopy;
import dev.retain.platform.Replayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
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
    private final SealedContacts sealed;
    private final PersonalDataSettings settings;

    CustomerBulkLoad(PostgresCopy copy, JdbcClient jdbc, SealedContacts sealed, PersonalDataSettings settings) {
        this.copy = copy;
        this.jdbc = jdbc;
        this.sealed = sealed;
        this.settings = settings;
    }

    @Transactional
    long load(Replayable<CustomerRecord> customers) {
        Set<SensitiveField> sensitive = settings.fresh().sensitive();
        long loaded = copy.into(
                "customers",
                "id, kind, name, gender, birthday, city, region, industry, owner_id, status,"
                        + " lifecycle_stage, source, signed_up_at, created_at, updated_at, "
                        + SealedContacts.COLUMN_NAMES,
                rows -> customers.forEach(c -> {
                    var values = new ArrayList<Object>(Arrays.asList(
                            c.id(),
                            c.kind().name(),
                            c.name(),
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
                            c.signedUpAt()));
                    values.addAll(sealed.columns(c.id(), text(c.phone()), text(c.email()), sensitive)
                            .values());
                    rows.row(values.toArray());
                }));
        // contact ids chosen here, since their encrypted values are bound to them
        long[] contactId = {
            jdbc.sql("select coalesce(max(id), 0) from contacts")
                    .query(Long.class)
                    .single()
        };
        copy.into(
                "contacts",
                "id, customer_id, name, title, phone, email, phone_cipher, email_cipher",
                rows -> customers.forEach(c -> c.contacts().forEach(contact -> {
                    long id = ++contactId[0];
                    String phone = text(contact.phone());
                    String email = text(contact.email());
                    boolean sealPhone = phone != null && sensitive.contains(SensitiveField.PHONE);
                    boolean sealEmail = email != null && sensitive.contains(SensitiveField.EMAIL);
                    rows.row(
                            id,
                            c.id(),
                            contact.name(),
                            contact.title(),
                            sealPhone ? null : phone,
                            sealEmail ? null : email,
                            sealPhone ? sealed.sealContact(id, SensitiveField.PHONE, phone) : null,
                            sealEmail ? sealed.sealContact(id, SensitiveField.EMAIL, email) : null);
                })));
        jdbc.sql("select setval(pg_get_serial_sequence('contacts', 'id'), greatest(?, 1))")
                .param(contactId[0])
                .query(Long.class)
                .single();
        copy.into(
                "customer_identities",
                "kind, value, customer_id, created_at",
                rows -> customers.forEach(c -> c.identities()
                        .forEach(identity -> rows.row(identity.kind(), identity.value(), c.id(), c.signedUpAt()))));
        // The first customer to hold a phone or email keeps it, as identity resolution would decide.
        if (!sensitive.contains(SensitiveField.PHONE)) {
            jdbc.sql("""
                            insert into customer_identities (kind, value, customer_id, created_at)
                            select 'phone', phone, id, created_at from customers where phone is not null
                            order by id
                            on conflict do nothing""").update();
        }
        if (!sensitive.contains(SensitiveField.EMAIL)) {
            jdbc.sql("""
                            insert into customer_identities (kind, value, customer_id, created_at)
                            select 'email', email, id, created_at from customers where email is not null
                            order by id
                            on conflict do nothing""").update();
        }
        if (!sensitive.isEmpty()) {
            loadSealedIdentities(customers, sensitive);
        }
        jdbc.sql("select setval(pg_get_serial_sequence('customers', 'id'), coalesce(max(id), 1)) from customers")
                .query(Long.class)
                .single();
        // Fresh statistics, so the first set-based queries after a bulk load get sensible plans.
        jdbc.sql("analyze customers").update();
        jdbc.sql("analyze customer_identities").update();
        return loaded;
    }

    /** The identities of encrypted fields, each under its token with its value sealed; the first holder keeps it. */
    private void loadSealedIdentities(Replayable<CustomerRecord> customers, Set<SensitiveField> sensitive) {
        jdbc.sql("""
                        create temp table loaded_identities (kind text, value text, cipher bytea, customer_id bigint,
                            created_at timestamptz) on commit drop""").update();
        copy.into(
                "loaded_identities",
                "kind, value, cipher, customer_id, created_at",
                rows -> customers.forEach(c -> {
                    for (SensitiveField field : sensitive) {
                        String value = text(field == SensitiveField.PHONE ? c.phone() : c.email());
                        if (value != null) {
                            String token = sealed.token(field, value);
                            rows.row(
                                    field.column(),
                                    token,
                                    sealed.sealIdentity(field, token, value),
                                    c.id(),
                                    c.signedUpAt());
                        }
                    }
                }));
        jdbc.sql("""
                        insert into customer_identities (kind, value, cipher, customer_id, created_at)
                        select distinct on (kind, value) kind, value, cipher, customer_id, created_at
                        from loaded_identities order by kind, value, customer_id
                        on conflict do nothing""").update();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

package dev.retain.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention policy on a clock in the year 2000 with five years: of three customers last changed in 1990, the one
 * who did nothing since is erased with the policy as the reason; the one with an order in 1998 and the one followed
 * up since stay. (No other test's customer is that old.)
 */
@IntegrationTest
class PersonalDataRetentionTests {

    static final Instant CHANGED = Instant.parse("1990-06-01T00:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<PersonalDataHolder> holders;

    @Autowired
    CustomerErasure erasure;

    @Autowired
    CompanyZone zone;

    @Test
    void customersInactiveForTheYearsAreErasedAndNoOneElse() {
        String token = Long.toString(System.nanoTime(), 36);
        long inactive = oldCustomer("inactive " + token);
        long ordered = oldCustomer("ordered " + token);
        long followedUp = oldCustomer("followed up " + token);
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                            base_amount, created_at)
                        values (?, 'retention', ?, '1998-03-01T00:00:00Z', 'PAID', 'CNY', 10, 10, now())""").params(ordered, token).update();
        jdbc.sql("""
                        insert into follow_ups (customer_id, kind, content, author, created_at)
                        values (?, 'PHONE', 'called', 'test', now())""").param(followedUp).update();
        Clock year2000 = Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);
        var retention = new PersonalDataRetention(jdbc, holders, erasure, zone, year2000, 5, 100);

        int erased = retention.run();

        assertThat(erased).isEqualTo(1);
        assertThat(exists(inactive)).isFalse();
        assertThat(exists(ordered)).isTrue();
        assertThat(exists(followedUp)).isTrue();
        assertThat(jdbc.sql("select after ->> 'reason' from audit_log where action = 'erase' and entity_id = ?")
                        .param(Long.toString(inactive))
                        .query(String.class)
                        .single())
                .isEqualTo("inactive for 5 years (retention policy)");
        assertThat(new PersonalDataRetention(jdbc, holders, erasure, zone, year2000, 0, 100).run())
                .as("off when no years are configured")
                .isZero();
    }

    private long oldCustomer(String name) {
        return jdbc.sql("""
                        insert into customers (kind, name, status, lifecycle_stage, source, custom_fields, created_at,
                            updated_at)
                        values ('PERSON', ?, 'ACTIVE', 'PROSPECT', 'test', '{}', ?, ?) returning id""")
                .params(name, Timestamp.from(CHANGED), Timestamp.from(CHANGED))
                .query(Long.class)
                .single();
    }

    private boolean exists(long customerId) {
        return jdbc.sql("select count(*) from customers where id = ?")
                        .param(customerId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}

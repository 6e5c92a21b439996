package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data scope reaches every customer's row: customers and each table keyed by customer_id carry the restrictive
 * policy (a new table that forgets {@code scope_by_customer} fails here), and every view reads with the rights of
 * whoever asks, so no view is a way around it.
 */
@IntegrationTest
class DataScopeSchemaTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void customersAndEveryTableKeyedByCustomerAreScoped() {
        var unscoped = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
                          and (c.relname = 'customers'
                               or exists (select from pg_attribute a where a.attrelid = c.oid
                                          and a.attname = 'customer_id' and not a.attisdropped))
                          and not (c.relrowsecurity
                                   and exists (select from pg_policy p where p.polrelid = c.oid
                                               and p.polname = 'within_scope' and not p.polpermissive))
                        order by 1""").query(String.class).list();

        assertThat(unscoped).as("tables with customers' rows but no data scope").isEmpty();
        assertThat(jdbc.sql("select count(*) from pg_policy where polname = 'within_scope'")
                        .query(Long.class)
                        .single())
                .isGreaterThan(25);
    }

    @Test
    void everyViewReadsWithTheRightsOfWhoeverAsks() {
        var definers = jdbc.sql("""
                        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname = 'public' and c.relkind = 'v'
                          and not coalesce(c.reloptions @> array['security_invoker=true'], false)
                        order by 1""").query(String.class).list();

        assertThat(definers).as("views that would read past the data scope").isEmpty();
        assertThat(jdbc.sql("select count(*) from pg_views where schemaname = 'public'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }
}

package dev.retain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.customers.Customers;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DemoDatasetTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    DemoDataset dataset;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsTheGeneratedCompanyCompletelyIntoAnEmptyDatabase() {
        jdbc.sql("truncate customers, contacts, customer_identities, orders, order_lines, products, events cascade")
                .update();

        var loaded = dataset.load(7, 500, AS_OF, SHANGHAI);

        var expected = new long[3];
        new DemoDataGenerator(7, 500, AS_OF, SHANGHAI).forEachCustomer(history -> {
            expected[0]++;
            expected[1] += history.orders().size();
            expected[2] += history.events().size();
        });
        assertThat(loaded).isEqualTo(new DemoDataset.Loaded(expected[0], expected[1], expected[2]));
        assertThat(count("select count(*) from customers")).isEqualTo(500);
        assertThat(count("select count(*) from orders")).isEqualTo(expected[1]);
        assertThat(count("select count(*) from events")).isEqualTo(expected[2]);
        assertThat(count("select count(*) from orders o where amount <> (select sum(quantity * unit_price)"
                        + " from order_lines l where l.order_id = o.id)"))
                .isZero();
        assertThat(count("""
                        select count(*) from order_lines l join orders o on o.id = l.order_id
                        where (l.ordered_at, l.status, l.coupon_code, l.line_amount) is distinct from
                              (o.ordered_at, o.status, o.coupon_code,
                               round(l.quantity * l.unit_price * coalesce(o.base_amount / nullif(o.amount, 0), 1), 2))"""))
                .as("the bulk load writes each line's order facts as the database would")
                .isZero();
        assertThat(count("select count(*) from orders where currency <> 'CNY'")).isPositive();
        assertThat(count("select count(*) from contacts"))
                .isEqualTo(count("select count(*) from customers where kind = 'COMPANY'"));
        assertThat(count("select count(*) from customers where phone is not null and phone !~ '^\\+[1-9][0-9]{6,14}$'"))
                .isZero();
        assertThat(count("select count(*) from customer_identities where kind = 'phone'"))
                .isGreaterThan(400);
        assertThat(count("select count(*) from customers where owner_id is not null"))
                .isGreaterThan(100);
        assertThat(customers.find(1).name()).isNotBlank();
        // ids continue after the loaded ones
        assertThat(jdbc.sql("select nextval(pg_get_serial_sequence('customers', 'id'))")
                        .query(Long.class)
                        .single())
                .isGreaterThan(500);
    }

    @Test
    void refusesToLoadOnTopOfExistingCustomers() {
        if (customers.count() == 0) {
            dataset.load(7, 10, AS_OF, SHANGHAI);
        }

        assertThatThrownBy(() -> dataset.load(7, 10, AS_OF, SHANGHAI)).isInstanceOf(IllegalStateException.class);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}

package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Members, their orders (through the bulk order API, as a shop sends them) and the programme's settings. */
final class LoyaltyFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final String token = Long.toString(System.nanoTime(), 36);
    private final Customers customers;
    private final LoyaltyProgramme programme;
    private final ApiClient admin;
    private final JdbcClient jdbc;

    LoyaltyFixtures(Customers customers, LoyaltyProgramme programme, ApiClient admin, JdbcClient jdbc) {
        this.customers = customers;
        this.programme = programme;
        this.admin = admin;
        this.jdbc = jdbc;
    }

    ApiClient admin() {
        return admin;
    }

    /** The programme on for every order since 2020, with the pending days and expiry given. */
    void programme(int pendingDays, ExpiryPolicy expiry, int months, int days, RefundShortfall shortfall) {
        programme.update(new SettingsChange(
                true, LocalDate.of(2020, 1, 1), pendingDays, expiry, months, days, shortfall, null, null));
    }

    Customer aMember() {
        return aMemberBornOn(null);
    }

    Customer aMemberBornOn(LocalDate birthday) {
        int n = SEQUENCE.incrementAndGet();
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "会员" + token + "-" + n,
                null,
                "member-" + n + "-" + token + "@example.com",
                null,
                birthday,
                "上海",
                null,
                null,
                null,
                null,
                null,
                "loyalty-test",
                Map.of()));
    }

    /** Sends one order row through the bulk order API ({@code extra} adds fields such as status). */
    void order(Customer member, String orderId, String placedAt, String amount, String extra) {
        var response = admin.postNdjson(
                "/api/v1/orders/bulk?source=shop_" + token,
                "{\"order_id\":\"%s\",\"email\":\"%s\",\"order_date\":\"%s\",\"amount\":%s%s}"
                        .formatted(orderId + "-" + token, member.email(), placedAt, amount, extra));
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
    }

    /** Sends one order of several lines, each {@code sku, category, unit price} with quantity 1. */
    void orderWithLines(Customer member, String orderId, String placedAt, String[]... lines) {
        StringBuilder rows = new StringBuilder();
        for (String[] line : lines) {
            rows.append(("{\"order_id\":\"%s\",\"email\":\"%s\",\"order_date\":\"%s\",\"sku\":\"%s\","
                            + "\"category\":\"%s\",\"quantity\":1,\"unit_price\":%s}\n")
                    .formatted(orderId + "-" + token, member.email(), placedAt, line[0], line[1], line[2]));
        }
        var response = admin.postNdjson("/api/v1/orders/bulk?source=shop_" + token, rows.toString());
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
    }

    void order(Customer member, String orderId, String placedAt, String amount) {
        order(member, orderId, placedAt, amount, "");
    }

    /** The order's id in the database. */
    long orderId(String orderId) {
        return jdbc.sql("select id from orders where source = ? and external_id = ?")
                .params("shop_" + token, orderId + "-" + token)
                .query(Long.class)
                .single();
    }

    /** Waits until the order holds these points (earning follows orders after their import commits). */
    void awaitOrderPoints(String orderId, long points) {
        long id = orderId(orderId);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("select coalesce(sum(points), 0) from loyalty_order_points where order_id = ?")
                                        .param(id)
                                        .query(Long.class)
                                        .single())
                        .isEqualTo(points));
    }

    long sumOf(long customerId, String account) {
        return jdbc.sql("select coalesce(sum(points), 0) from loyalty_entries where customer_id = ? and account = ?")
                .params(customerId, account)
                .query(Long.class)
                .single();
    }

    long transactions(long customerId, LoyaltyReason reason) {
        return jdbc.sql("select count(*) from loyalty_transactions where customer_id = ? and reason = ?")
                .params(customerId, reason.name())
                .query(Long.class)
                .single();
    }

    static BigDecimal amount(String value) {
        return new BigDecimal(value);
    }
}

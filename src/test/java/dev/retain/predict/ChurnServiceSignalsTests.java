package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service signals among the churn features — tickets in 90 days, tickets open on the day, reopens in 180 days —
 * read from the views the service desk publishes as of a day, from what came before it only.
 */
@IntegrationTest
class ChurnServiceSignalsTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ChurnSettings SETTINGS = new ChurnSettings(90, 365, 0.3, 0.6);

    @Autowired
    ChurnFeatures features;

    @Autowired
    MessageSource messages;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Transactional
    void serviceSignalsAreComputedAsOfTheDayFromTheTicketsBeforeIt() {
        var buyers = new Buyers(jdbc);
        LocalDate day = LocalDate.of(2025, 6, 1);
        long unhappy = buyers.aCustomer("Unhappy");
        buyers.order(unhappy, day.minusDays(200), "100", "PAID");
        buyers.order(unhappy, day.minusDays(40), "100", "PAID");
        ticket(unhappy, day.minusDays(150), day.minusDays(140), 0); // old, solved
        long reopened = ticket(unhappy, day.minusDays(60), day.minusDays(20), 1); // solved after a reopen
        reopen(unhappy, reopened, day.minusDays(30));
        ticket(unhappy, day.minusDays(10), null, 0); // still open
        ticket(unhappy, day.minusDays(5), day.plusDays(2), 0); // open on the day, solved after it
        long calm = buyers.aCustomer("Calm");
        buyers.order(calm, day.minusDays(50), "100", "PAID");
        buyers.order(calm, day.minusDays(20), "100", "PAID");

        FeatureTable before = features.asOf(day, SETTINGS, false);
        int row = rowOf(before, unhappy);
        assertThat(before.value(row, ChurnFeature.TICKETS_90_DAYS)).isEqualTo(3);
        assertThat(before.value(row, ChurnFeature.OPEN_TICKETS)).isEqualTo(2);
        assertThat(before.value(row, ChurnFeature.TICKETS_REOPENED_180_DAYS)).isEqualTo(1);
        int other = rowOf(before, calm);
        assertThat(before.value(other, ChurnFeature.TICKETS_90_DAYS)).isZero();
        assertThat(before.value(other, ChurnFeature.OPEN_TICKETS)).isZero();
        assertThat(before.value(other, ChurnFeature.TICKETS_REOPENED_180_DAYS)).isZero();

        // tickets and reopens on and after the day change nothing
        long later = ticket(unhappy, day, null, 0);
        reopen(unhappy, later, day.plusDays(1));
        FeatureTable after = features.asOf(day, SETTINGS, false);
        int same = rowOf(after, unhappy);
        assertThat(Arrays.copyOfRange(after.values(), same * FeatureTable.COLUMNS, (same + 1) * FeatureTable.COLUMNS))
                .containsExactly(Arrays.copyOfRange(
                        before.values(), row * FeatureTable.COLUMNS, (row + 1) * FeatureTable.COLUMNS));
    }

    @Test
    void theServiceSignalsHaveTheirNamesAndReasonsInBothLanguages() {
        assertThat(messages.getMessage("churn.reason.open_tickets", new Object[] {2.0}, Locale.ENGLISH))
                .isEqualTo("2 service tickets still open");
        assertThat(messages.getMessage("churn.reason.tickets_90_days", new Object[] {4.0}, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("近 90 天提交了 4 张工单");
    }

    private long ticket(long customer, LocalDate opened, LocalDate solved, int reopens) {
        return jdbc.sql("""
                        insert into tickets (customer_id, subject, channel, priority, status, reopen_count, created_by,
                                             created_at, updated_at, solved_at)
                        values (?, 'test', 'API', 'NORMAL', ?, ?, 'test', ?, ?, ?) returning id""")
                .params(
                        customer,
                        solved == null ? "OPEN" : "SOLVED",
                        reopens,
                        at(opened),
                        at(opened),
                        solved == null ? null : at(solved))
                .query(Long.class)
                .single();
    }

    private void reopen(long customer, long ticket, LocalDate day) {
        jdbc.sql("""
                        insert into ticket_status_changes (customer_id, ticket_id, from_status, to_status, reason, actor, at)
                        values (?, ?, 'SOLVED', 'OPEN', 'REOPENED', 'test', ?)""").params(customer, ticket, at(day)).update();
    }

    private static Timestamp at(LocalDate day) {
        return Timestamp.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant());
    }

    private static int rowOf(FeatureTable table, long customer) {
        for (int row = 0; row < table.rows(); row++) {
            if (table.customerIds()[row] == customer) {
                return row;
            }
        }
        throw new AssertionError("customer " + customer + " is not in the table");
    }
}

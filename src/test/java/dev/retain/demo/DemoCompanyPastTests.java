package dev.retain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.coupons.CampaignSummary;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.customers.CustomerMerges;
import dev.retain.ingest.DataQuality;
import dev.retain.ingest.DataQualityAlert;
import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyReport;
import dev.retain.journeys.JourneyReports;
import dev.retain.journeys.Journeys;
import dev.retain.loyalty.LedgerCheck;
import dev.retain.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./retain demo} on an empty database, smaller and shorter: the company comes with its months of using Retain,
 * played by the modules themselves — journeys with entrants on both sides of their holdout, conversions and lift,
 * coupons issued and spent, emails sent, opened, clicked and unsubscribed from, the sales team's tasks done (with a
 * follow-up record) and overdue, notes, customers claimed from the public pools and taken back by their rules,
 * opportunities won into orders, lost and stuck, a points programme with points earned, spent and run out, reminders
 * of expiry and members in tiers, duplicates waiting for review and a data-quality alert — and the clock is back to now.
 */
@DemoCompanyTest
class DemoCompanyPastTests {

    @Autowired
    Journeys journeys;

    @Autowired
    JourneyReports reports;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    Outbox outbox;

    @Autowired
    CustomerMerges merges;

    @Autowired
    DataQuality quality;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    LedgerCheck ledger;

    @Test
    void theDemoCompanyHasMonthsOfRetainBehindIt() {
        List<Journey> live = journeys.list();
        assertThat(live).extracting(Journey::name).containsExactlyInAnyOrder("沉睡唤醒", "新客欢迎", "生日关怀", "高价值挽留", "积分到期提醒");
        assertThat(live).allMatch(journey -> journey.status().equals("ACTIVE"));
        JourneyReport pointsReminder = reports.of(journey("积分到期提醒").id());
        assertThat(pointsReminder.treatment().entrants()).as("积分到期提醒").isPositive();
        long converted = 0;
        for (Journey journey :
                live.stream().filter(j -> !j.name().equals("积分到期提醒")).toList()) {
            JourneyReport report = reports.of(journey.id());
            assertThat(report.treatment().entrants()).as(journey.name()).isPositive();
            assertThat(report.holdout().entrants()).as(journey.name()).isPositive();
            assertThat(report.lift()).as(journey.name()).isNotNull();
            assertThat(report.costs().couponsIssued()).as(journey.name()).isPositive();
            converted += report.treatment().converted();
        }
        assertThat(converted).isPositive();
        JourneyReport winBack = reports.of(journey("沉睡唤醒").id());
        assertThat(winBack.costs().sent()).isPositive();
        assertThat(winBack.costs().opened()).isPositive();
        assertThat(winBack.costs().clicked()).isPositive();
        assertThat(winBack.costs().couponsRedeemed()).isPositive();
        assertThat(winBack.costs().returnOnCost()).isNotNull();

        assertThat(campaigns.list().stream()
                        .mapToLong(CampaignSummary::redeemed)
                        .sum())
                .isPositive();
        assertThat(outbox.count())
                .isEqualTo(count("select count(*) from message_deliveries where status in ('SENT', 'DELIVERED')"));
        assertThat(count("select count(*) from message_deliveries where unsubscribed_at is not null"))
                .isPositive();

        assertThat(count("select count(*) from tasks where status = 'DONE'")).isPositive();
        assertThat(count("select count(*) from tasks where status = 'OPEN' and due_at < now() and assignee_id in"
                        + " (select id from users where username like 'sales%')"))
                .isPositive();
        assertThat(count("select count(*) from customer_notes where author like 'sales%'"))
                .isPositive();
        assertThat(count("select count(*) from follow_ups f join tasks t on t.id = f.task_id and t.status = 'DONE'"
                        + " where f.author like 'sales%'"))
                .isPositive();
        assertThat(count("select count(*) from team_members m join users u on u.id = m.user_id"
                        + " where u.username like 'sales%'"))
                .isEqualTo(3);
        assertThat(count("select count(*) from customer_pool_moves where kind = 'CLAIMED'"))
                .isPositive();
        assertThat(count("select count(*) from customer_pool_moves where kind = 'RECLAIMED'"))
                .isPositive();
        assertThat(count("select count(*) from customer_pool_reminders")).isPositive();
        assertThat(count("select count(*) from customer_pools")).isEqualTo(2);
        assertThat(count("select count(*) from opportunities o join orders r on r.id = o.order_id"
                        + " where o.status = 'WON' and r.customer_id = o.customer_id and r.source = 'sales'"))
                .as("won opportunities that became orders")
                .isPositive();
        assertThat(count("select count(*) from opportunities where status = 'LOST' and lost_reason is not null"))
                .isPositive();
        assertThat(count("select count(*) from opportunity_moves where kind = 'MOVED' and actor like 'sales%'"))
                .isPositive();
        assertThat(count("select count(*) from opportunities o join opportunity_stages s on s.id = o.stage_id"
                        + " where o.status = 'OPEN'"
                        + " and o.stage_entered_at < now() - make_interval(days => s.stuck_after_days)"))
                .as("opportunities left stuck in their stage")
                .isPositive();
        assertThat(count("select count(*) from events where type = 'opportunity_won'"))
                .isEqualTo(count("select count(*) from opportunities where status = 'WON'"));
        assertThat(count("select count(*) from loyalty_transactions where reason = 'ORDER'"))
                .isPositive();
        assertThat(count("select count(*) from loyalty_transactions where reason = 'REDEMPTION'"))
                .isPositive();
        assertThat(count("select count(*) from loyalty_transactions where reason = 'EXPIRY'"))
                .isPositive();
        assertThat(count("select count(*) from events where type = 'points_expiring'"))
                .isPositive();
        assertThat(count("select count(*) from loyalty_transactions where reason = 'EVENT'"))
                .as("points for sign-ins, reviews and profiles completed in the mini-program")
                .isPositive();
        assertThat(count("select count(*) from loyalty_event_days where event = 'login' and events > 1"))
                .as("members whose sign-ins earned past the daily cap")
                .isZero();
        assertThat(count("select count(distinct m.tier_id) from loyalty_member_tiers m"))
                .as("tiers members are in")
                .isGreaterThanOrEqualTo(2);
        assertThat(ledger.run().problems()).as("the points ledger's check").isEmpty();
        assertThat(count("select count(*) from tickets")).as("service tickets").isGreaterThan(150);
        assertThat(count("select count(*) from tickets where reopen_count > 0"))
                .as("reopened tickets")
                .isPositive();
        assertThat(count("select count(*) from tickets where merged_into is not null"))
                .as("merged tickets")
                .isPositive();
        assertThat(count("select count(*) from tickets where status = 'SOLVED' and first_response_at is not null"))
                .as("solved tickets")
                .isPositive();
        assertThat(count("select count(*) from tickets where status in ('NEW', 'OPEN')"))
                .as("tickets being worked on")
                .isPositive();
        assertThat(count("select count(*) from ticket_messages where created_at > now()")
                        + count("select count(*) from tickets where created_at > now() or solved_at > now()"))
                .as("service history in the future")
                .isZero();
        assertThat(count("select count(*) from team_members m join users u on u.id = m.user_id"
                        + " join teams t on t.id = m.team_id where t.name = '客服部' and u.username like 'service%'"))
                .as("the service team")
                .isEqualTo(2);
        assertThat(merges.openCandidateCount()).as(this::importsAndCandidates).isGreaterThanOrEqualTo(4);
        assertThat(quality.open())
                .extracting(DataQualityAlert::message)
                .anyMatch(message -> message.matches("\\d+ of 26 rows were rejected .*"));

        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(count("select count(*) from orders where ordered_at > now()"))
                .isZero();
    }

    private Journey journey(String name) {
        return journeys.list().stream()
                .filter(journey -> journey.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** What the imports did and where the duplicate candidates stand, to tell why none would be waiting. */
    private String importsAndCandidates() {
        return jdbc.sql("select string_agg(concat_ws(' ', id, file_name, status, rows_imported, rows_merged,"
                                + " rows_rejected, error), '; ' order by id) from import_jobs")
                        .query(String.class)
                        .single()
                + " | candidates: "
                + jdbc.sql("select string_agg(concat_ws(' ', customer_id, other_id, status, reason), '; ')"
                                + " from duplicate_candidates")
                        .query(String.class)
                        .optional()
                        .orElse("none");
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}

package dev.retain.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.customers.CustomFields;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.UserAccounts;
import dev.retain.sales.FollowUpKind;
import dev.retain.sales.FollowUps;
import dev.retain.sales.FollowUps.NewFollowUp;
import dev.retain.sales.Opportunities;
import dev.retain.tasks.Tasks;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The producer run on a moved clock: each kind of reminder appears when its moment comes, for the right person, and
 * never twice for the same thing — not when the run repeats, nor when two runs race.
 */
@NotificationTest
class NotificationRunTests {

    /** 10:00 in Shanghai, a Wednesday. */
    static final Instant MORNING = Instant.parse("2027-03-10T02:00:00Z");

    @Autowired
    NotificationRun run;

    @Autowired
    Notifications notifications;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    CustomFields fields;

    @Autowired
    FollowUps followUps;

    @Autowired
    Tasks tasks;

    @Autowired
    Opportunities opportunities;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    CompanyZone zone;

    NotificationFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(MORNING);
        fixtures = new NotificationFixtures(users, customers, fields);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void aFollowUpIsRemindedToTheOwnerWhenItsTimeComesAndOnlyOnce() {
        long owner = fixtures.salesperson("owner");
        long customer = fixtures.customer("Zhang Wei", owner);
        followUps.record(
                customer, new NewFollowUp(FollowUpKind.PHONE, "quoted", null, MORNING.plus(Duration.ofHours(2)), null));

        run.run(Cadence.FREQUENT);
        assertThat(kindsOf(owner)).isEmpty();

        clock.advance(Duration.ofHours(3));
        run.run(Cadence.FREQUENT);
        run.run(Cadence.FREQUENT);

        var listed = notifications.of(owner, true, 0, 10).items();
        assertThat(listed).singleElement().satisfies(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.FOLLOW_UP_DUE);
            assertThat(notification.customerId()).isEqualTo(customer);
            assertThat(notification.customerName()).isEqualTo("Zhang Wei " + fixtures.token);
            assertThat(notification.dueAt()).isEqualTo(MORNING.plus(Duration.ofHours(2)));
        });

        // a new follow-up planning the next one is a new thing to be reminded of
        followUps.record(
                customer,
                new NewFollowUp(
                        FollowUpKind.VISIT, "visited", null, clock.instant().plus(Duration.ofDays(1)), null));
        clock.advance(Duration.ofDays(2));
        run.run(Cadence.FREQUENT);
        assertThat(kindsOf(owner)).containsExactly(NotificationKind.FOLLOW_UP_DUE, NotificationKind.FOLLOW_UP_DUE);
    }

    @Test
    void anOverdueTaskIsRemindedToItsAssigneeOnce() {
        long owner = fixtures.salesperson("assignee");
        long colleague = fixtures.salesperson("colleague");
        long customer = fixtures.customer("Li Na", owner);
        tasks.create(
                customer, owner, "CALL", "Call about the offer", null, MORNING.plus(Duration.ofHours(1)), "test", null);
        long done = tasks.create(
                        customer,
                        owner,
                        "CALL",
                        "Done already",
                        null,
                        MORNING.plus(Duration.ofMinutes(30)),
                        "test",
                        null)
                .id();
        tasks.close(done, "DONE");

        run.run(Cadence.FREQUENT);
        assertThat(kindsOf(owner)).isEmpty();

        clock.advance(Duration.ofHours(2));
        run.run(Cadence.FREQUENT);
        run.run(Cadence.FREQUENT);

        assertThat(notifications.of(owner, false, 0, 10).items())
                .singleElement()
                .satisfies(notification -> {
                    assertThat(notification.kind()).isEqualTo(NotificationKind.TASK_OVERDUE);
                    assertThat(notification.detail()).isEqualTo("Call about the offer");
                });
        assertThat(kindsOf(colleague)).isEmpty();
    }

    @Test
    void birthdaysAndContractEndsAreRemindedOnTheirDaysAhead() {
        long owner = fixtures.salesperson("birthdays");
        LocalDate today = zone.today(clock);
        long soon = fixtures.customer("birthday soon", owner, today.plusDays(2).withYear(1988), Map.of());
        fixtures.customer("birthday later", owner, today.plusDays(20).withYear(1990), Map.of());
        long ending = fixtures.customer(
                "contract ending",
                owner,
                null,
                Map.of(NotificationFixtures.CONTRACT_FIELD, today.plusDays(10).toString()));
        fixtures.customer(
                "contract running",
                owner,
                null,
                Map.of(NotificationFixtures.CONTRACT_FIELD, today.plusDays(90).toString()));
        fixtures.customer("nobody's birthday", null, today.withYear(1970), Map.of());

        run.run(Cadence.DAILY);
        run.run(Cadence.DAILY);

        var listed = notifications.of(owner, false, 0, 10).items();
        assertThat(listed)
                .extracting(Notification::kind, Notification::customerId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(NotificationKind.BIRTHDAY, soon),
                        org.assertj.core.groups.Tuple.tuple(NotificationKind.CONTRACT_ENDING, ending));
        assertThat(listed)
                .filteredOn(notification -> notification.kind() == NotificationKind.CONTRACT_ENDING)
                .singleElement()
                .extracting(Notification::detail)
                .isEqualTo(today.plusDays(10).toString());

        // the later birthday comes into reach eighteen days on, and is reminded then
        clock.advance(Duration.ofDays(18));
        run.run(Cadence.DAILY);
        assertThat(kindsOf(owner))
                .filteredOn(kind -> kind == NotificationKind.BIRTHDAY)
                .hasSize(2);
    }

    @Test
    void anOwnerIsToldOncePerPoolReminderWhileTheCustomerIsStillTheirs() {
        long owner = fixtures.salesperson("pool-owner");
        long kept = fixtures.customer("kept", owner);
        long given = fixtures.customer("given away", owner);
        remindOfPool(kept, owner, 3);
        remindOfPool(given, owner, 2);
        long colleague = fixtures.salesperson("pool-colleague");
        jdbc.sql("update customers set owner_id = ? where id = ?")
                .params(colleague, given)
                .update();

        run.run(Cadence.FREQUENT);
        run.run(Cadence.FREQUENT);

        assertThat(notifications.of(owner, false, 0, 10).items())
                .singleElement()
                .satisfies(notification -> {
                    assertThat(notification.kind()).isEqualTo(NotificationKind.POOL_RECLAIM_SOON);
                    assertThat(notification.customerId()).isEqualTo(kept);
                    assertThat(notification.detail()).isEqualTo("3");
                });
    }

    @Test
    void anOpportunityStuckInItsStageIsRemindedToItsOwnerOnce() {
        long owner = fixtures.salesperson("dealowner");
        long customer = fixtures.customer("Wang Fang", owner);
        opportunities.create(
                customer,
                null,
                new Opportunities.OpportunityDraft(
                        "Office tea " + fixtures.token, new BigDecimal("12000"), null, owner, List.of(), null));

        clock.advance(Duration.ofDays(10));
        run.run(Cadence.DAILY);
        assertThat(kindsOf(owner)).doesNotContain(NotificationKind.OPPORTUNITY_STUCK);

        clock.advance(Duration.ofDays(5));
        run.run(Cadence.DAILY);
        run.run(Cadence.DAILY);
        assertThat(notifications.of(owner, true, 0, 10).items())
                .filteredOn(notification -> notification.kind() == NotificationKind.OPPORTUNITY_STUCK)
                .singleElement()
                .satisfies(notification -> assertThat(notification.customerId()).isEqualTo(customer));
    }

    @Test
    void twoRunsAtOnceMakeEachNotificationOnce() throws Exception {
        long owner = fixtures.salesperson("racer");
        List<Long> customerIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long customer = fixtures.customer("racing " + i, owner);
            customerIds.add(customer);
            tasks.create(customer, owner, "CALL", "Call " + i, null, MORNING.plus(Duration.ofMinutes(i)), "test", null);
        }
        clock.advance(Duration.ofHours(1));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Map<NotificationKind, Integer>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return run.run(Cadence.FREQUENT);
                        },
                        threads));
            }
            start.countDown();
            int made = 0;
            for (var result : runs) {
                made += result.get().getOrDefault(NotificationKind.TASK_OVERDUE, 0);
            }
            assertThat(made).as("notifications the two runs made together").isGreaterThanOrEqualTo(30);
        } finally {
            threads.shutdown();
        }

        assertThat(notifications.unreadCount(owner)).isEqualTo(30);
        assertThat(jdbc.sql("select count(distinct subject) from notifications where recipient_id = ?")
                        .param(owner)
                        .query(Long.class)
                        .single())
                .isEqualTo(30);
    }

    private List<NotificationKind> kindsOf(long recipient) {
        return notifications.of(recipient, false, 0, 100).items().stream()
                .map(Notification::kind)
                .toList();
    }

    private void remindOfPool(long customer, long owner, int daysLeft) {
        jdbc.sql("insert into customer_pool_reminders (customer_id, owner_id, counted_from, days_left, created_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(
                        customer,
                        owner,
                        Timestamp.from(MORNING.minus(Duration.ofDays(27))),
                        daysLeft,
                        Timestamp.from(MORNING.minus(Duration.ofHours(8))))
                .update();
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

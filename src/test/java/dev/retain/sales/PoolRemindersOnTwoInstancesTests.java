package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.RetainApplication;
import dev.retain.customers.Customers;
import dev.retain.customers.Placements;
import dev.retain.messaging.MovableClock;
import dev.retain.notifications.NotificationRun;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two servers on one database, each with its own beans, caches and connections, running the reclaim and then the
 * notification run at the same moment (as two instances do when an admin starts a run on one while the schedule fires
 * on the other): every neglected customer goes back once, and every owner is reminded and told once.
 */
@PoolTest
class PoolRemindersOnTwoInstancesTests {

    private static ConfigurableApplicationContext second;

    @Autowired
    UserAccounts users;

    @Autowired
    Pools pools;

    @Autowired
    PoolClaims claims;

    @Autowired
    PoolReclaims reclaims;

    @Autowired
    NotificationRun notificationRun;

    @Autowired
    Placements placements;

    @Autowired
    Customers customers;

    @Autowired
    MovableClock clock;

    @Autowired
    CompanyZone zone;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startTheSecondInstance(@Autowired javax.sql.DataSource dataSource) throws Exception {
        var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        second = new SpringApplicationBuilder(RetainApplication.class, PoolTest.MovedClock.class)
                .properties(
                        "server.port=0",
                        "retain.db.url=" + pool.getJdbcUrl(),
                        "retain.db.user=" + pool.getUsername(),
                        "retain.db.password=" + pool.getPassword(),
                        "retain.data-dir=target/test-data-pools-second-instance",
                        "db-scheduler.scheduler-name=second",
                        // this instance is here for the runs the test starts on it
                        "db-scheduler.enabled=false",
                        "retain.messaging.worker.enabled=false",
                        "retain.imports.worker.enabled=false",
                        "logging.level.root=WARN")
                .run();
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @AfterEach
    void realTime() {
        clock.set(null);
        second.getBean(MovableClock.class).set(null);
    }

    @Test
    void bothInstancesRunningAtOnceMoveRemindAndNotifyEachCustomerOnce() throws Exception {
        var fixtures = new PoolFixtures(users, pools, customers);
        long seller = fixtures.user("seller", Role.SALES);
        LocalDate start = LocalDate.of(2026, 9, 1);
        at(start);
        Pool pool = fixtures.pool(PoolRules.named("two instances " + fixtures.token)
                .followUpDays(10)
                .settings());
        List<Long> due = List.of(
                ownedIn(fixtures, pool, seller, "due 1"),
                ownedIn(fixtures, pool, seller, "due 2"),
                ownedIn(fixtures, pool, seller, "due 3"));
        at(start.plusDays(1));
        List<Long> reminded =
                List.of(ownedIn(fixtures, pool, seller, "reminded 1"), ownedIn(fixtures, pool, seller, "reminded 2"));

        at(start.plusDays(10));
        PoolReclaims secondReclaims = second.getBean(PoolReclaims.class);
        bothAtOnce(reclaims::run, secondReclaims::run);
        NotificationRun secondNotificationRun = second.getBean(NotificationRun.class);
        bothAtOnce(() -> notificationRun.run(Cadence.FREQUENT), () -> secondNotificationRun.run(Cadence.FREQUENT));

        for (long customer : due) {
            assertThat(placements.of(customer).waiting()).isTrue();
            assertThat(count(
                            "select count(*) from customer_pool_moves where customer_id = ? and kind = 'RECLAIMED'",
                            customer))
                    .isEqualTo(1);
        }
        for (long customer : reminded) {
            assertThat(placements.of(customer).ownerId()).isEqualTo(seller);
            assertThat(count("select count(*) from customer_pool_reminders where customer_id = ?", customer))
                    .isEqualTo(1);
            assertThat(count(
                            "select count(*) from notifications where customer_id = ? and kind = '"
                                    + NotificationKind.POOL_RECLAIM_SOON.name() + "'",
                            customer))
                    .isEqualTo(1);
        }
    }

    private void bothAtOnce(Supplier<?> here, Supplier<?> there) throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            var runs = List.of(here, there).stream()
                    .map(run -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    gate.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException(e);
                                }
                                return run.get();
                            },
                            instances))
                    .toList();
            gate.countDown();
            for (var run : runs) {
                run.get();
            }
        } finally {
            instances.shutdown();
        }
    }

    private long ownedIn(PoolFixtures fixtures, Pool pool, long seller, String name) {
        long id = fixtures.customer(name, seller).id();
        fixtures.as("seller", () -> claims.release(List.of(id), pool.id(), "into the test pool"));
        fixtures.as("seller", () -> claims.claim(id));
        return id;
    }

    private void at(LocalDate day) {
        Instant at =
                LocalDateTime.of(day, LocalTime.of(10, 0)).atZone(zone.zone()).toInstant();
        clock.set(at);
        second.getBean(MovableClock.class).set(at);
    }

    private long count(String sql, long customerId) {
        return jdbc.sql(sql).param(customerId).query(Long.class).single();
    }
}

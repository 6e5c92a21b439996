package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.IntegrationTest;
import dev.retain.RetainApplication;
import dev.retain.platform.UserAccounts.NewUser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Two instances on one database, as two servers behind a load balancer would run: this test's application and a second
 * one started beside it on the same database. A job firing every two seconds runs once per firing, on one of them; a
 * run left unfinished by an instance that died is run again by a living one; the admin page shows every job's last
 * run.
 */
@IntegrationTest
// closed afterwards: its scheduler polls every 200 ms and knows jobs no other test context has
@DirtiesContext
@Import(ScheduledJobsClusterTests.TestJobs.class)
@TestPropertySource(
        properties = {
            "db-scheduler.scheduler-name=first",
            ScheduledJobsClusterTests.POLLING,
            ScheduledJobsClusterTests.HEARTBEAT
        })
class ScheduledJobsClusterTests {

    static final String EVERY_TWO_SECONDS = "cluster-test.every-two-seconds";
    static final String YEARLY = "cluster-test.yearly";
    static final String POLLING = "db-scheduler.polling-interval=200ms";
    static final String HEARTBEAT = "db-scheduler.heartbeat-interval=500ms";
    private static final String PASSWORD = "scheduled jobs test password";

    private static ConfigurableApplicationContext second;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    @LocalServerPort
    int port;

    /** The jobs both instances know; each run leaves a row naming the instance that ran it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestJobs {

        @Bean
        ScheduledJob everyTwoSeconds(JdbcClient jdbc, @Value("${db-scheduler.scheduler-name}") String instance) {
            return new ScheduledJob(
                    EVERY_TWO_SECONDS, "*/2 * * * * *", ZoneOffset.UTC, () -> ran(jdbc, EVERY_TWO_SECONDS, instance));
        }

        @Bean
        ScheduledJob yearly(JdbcClient jdbc, @Value("${db-scheduler.scheduler-name}") String instance) {
            return new ScheduledJob(YEARLY, "0 0 0 1 1 *", ZoneOffset.UTC, () -> ran(jdbc, YEARLY, instance));
        }

        /** Made with the first of the jobs, as an instance's jobs may fire as soon as it is up. */
        @Bean
        Object clusterTestRunsTable(JdbcClient jdbc) {
            jdbc.sql("create table if not exists cluster_test_job_runs (job text not null, instance text not null)")
                    .update();
            return "cluster_test_job_runs";
        }

        private static void ran(JdbcClient jdbc, String job, String instance) {
            jdbc.sql("insert into cluster_test_job_runs (job, instance) values (?, ?)")
                    .params(job, instance)
                    .update();
        }
    }

    @BeforeAll
    static void startTheSecondInstance(@Autowired javax.sql.DataSource dataSource) throws Exception {
        var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        second = new SpringApplicationBuilder(RetainApplication.class, TestJobs.class)
                .properties(
                        "server.port=0",
                        "retain.db.url=" + pool.getJdbcUrl(),
                        "retain.db.user=" + pool.getUsername(),
                        "retain.db.password=" + pool.getPassword(),
                        "retain.data-dir=target/test-data-second-instance",
                        // the same installation: the first instance's personal-data keys
                        "retain.personal-data.key-file=target/test-keys/personal-data.keys",
                        "db-scheduler.scheduler-name=second",
                        POLLING,
                        HEARTBEAT,
                        // this instance is here for the scheduled jobs only
                        "retain.messaging.worker.enabled=false",
                        "retain.imports.worker.enabled=false",
                        "logging.level.root=WARN")
                .run();
    }

    @AfterAll
    static void stopTheSecondInstance(@Autowired JdbcClient jdbc) {
        if (second != null) {
            second.close();
        }
        // the shared test application does not know these jobs
        jdbc.sql("delete from scheduled_tasks where task_name like 'cluster-test.%'")
                .update();
    }

    @Test
    void aJobRunsOncePerFiringHoweverManyInstancesRun() {
        Instant bothUp = Instant.now();

        await().atMost(Duration.ofSeconds(30)).until(() -> firingsSince(bothUp) >= 3);

        List<Long> runsPerFiring =
                jdbc.sql("""
                        select count(*) from scheduled_job_runs where job = ? group by scheduled_for""").param(EVERY_TWO_SECONDS).query(Long.class).list();
        assertThat(runsPerFiring).isNotEmpty().allMatch(runs -> runs == 1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jobRows(EVERY_TWO_SECONDS))
                        .isEqualTo(jdbc.sql(
                                        "select count(*) from scheduled_job_runs where job = ? and outcome = 'SUCCEEDED'")
                                .param(EVERY_TWO_SECONDS)
                                .query(Long.class)
                                .single()));
        // the run record names the instance that ran it, as the job itself saw it
        assertThat(jdbc.sql("select distinct instance from scheduled_job_runs where job = ?")
                        .param(EVERY_TWO_SECONDS)
                        .query(String.class)
                        .list())
                .isSubsetOf("first", "second");
    }

    @Test
    void aRunWhoseInstanceDiedIsRunAgainByAnother() {
        long before = jobRows(YEARLY);
        // an instance took the job and died: its heartbeat stopped long ago, and its run record stayed open
        int taken = jdbc.sql("""
                        update scheduled_tasks set picked = true, picked_by = 'gone',
                            last_heartbeat = now() - interval '1 hour', execution_time = now() - interval '1 hour',
                            version = version + 1
                        where task_name = ?""").param(YEARLY).update();
        assertThat(taken).isOne();
        jdbc.sql("""
                        insert into scheduled_job_runs (job, scheduled_for, instance, started_at)
                        values (?, now() - interval '1 hour', 'gone', now() - interval '1 hour')""").param(YEARLY).update();

        await().atMost(Duration.ofSeconds(20)).until(() -> jobRows(YEARLY) == before + 1);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("""
                                        select instance || ' ' || outcome from scheduled_job_runs
                                        where job = ? order by started_at""").param(YEARLY).query(String.class).list())
                        .hasSize(2)
                        .first()
                        .isEqualTo("gone INTERRUPTED"));
        assertThat(jdbc.sql("select outcome from scheduled_job_runs where job = ? order by started_at desc limit 1")
                        .param(YEARLY)
                        .query(String.class)
                        .single())
                .isEqualTo("SUCCEEDED");
        // done, it waits for next year again, picked by no one
        assertThat(jdbc.sql("select picked from scheduled_tasks where task_name = ?")
                        .param(YEARLY)
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void theAdminPageListsEveryJobWithItsLastRun() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jobRows(EVERY_TWO_SECONDS) >= 1);
        String username = "jobs-admin-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Jobs admin", null, PASSWORD, Set.of(Role.ADMIN)));
        WebSession admin = new WebSession(port);
        admin.signIn(username, PASSWORD);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        theRowOf(EVERY_TWO_SECONDS, admin.get("/admin/jobs").body()));
        String page = admin.get("/admin/jobs").body();
        assertThat(page)
                .contains(
                        "data-job=\"segments.recompute\"",
                        "data-job=\"predict.clv\"",
                        "data-job=\"predict.churn-training\"",
                        "data-job=\"predict.churn-scoring\"",
                        "data-job=\"predict.product-associations\"",
                        "data-job=\"coupons.expiry\"",
                        "data-job=\"analytics.rebuild\"",
                        "data-job=\"platform.retention\"",
                        "data-job=\"platform.backup\"",
                        "data-job=\"messaging.delivery-key-retention\"",
                        "data-job=\"journeys.daily-triggers\"",
                        "0 30 2 * * *");
    }

    /** The job's row shows when it last ran, how long it took, how it ended and where. */
    private static void theRowOf(String job, String page) {
        String row = page.substring(page.indexOf("data-job=\"" + job + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}")
                .containsPattern("\\d+\\.\\d s")
                .contains("succeeded")
                .containsPattern(">(first|second)<");
    }

    private long firingsSince(Instant since) {
        return jdbc.sql(
                        "select count(distinct scheduled_for) from scheduled_job_runs where job = ? and scheduled_for > ?")
                .params(EVERY_TWO_SECONDS, java.sql.Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    private long jobRows(String job) {
        return jdbc.sql("select count(*) from cluster_test_job_runs where job = ?")
                .param(job)
                .query(Long.class)
                .single();
    }
}

package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MonthlyPartitionsTests {

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void aFreshLog() {
        jdbc.sql("drop table if exists test_log").update();
        jdbc.sql("create table test_log (at timestamptz not null, note text) partition by range (at)")
                .update();
    }

    @Test
    void createsOnePartitionPerMonthSoRowsCanLand() {
        partitions.ensure("test_log", Instant.parse("2025-11-20T00:00:00Z"), Instant.parse("2026-02-03T00:00:00Z"));

        assertThat(partitionsOfTestLog())
                .containsExactly("test_log_y2025m11", "test_log_y2025m12", "test_log_y2026m01", "test_log_y2026m02");
        jdbc.sql("insert into test_log values ('2026-01-31T23:59:59Z', 'end of January')")
                .update();
        assertThat(jdbc.sql("select count(*) from test_log_y2026m01")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twoTransactionsNeedingTheSameNewPartitionBothGoAhead() throws Exception {
        Instant month = Instant.parse("2024-03-10T00:00:00Z");
        var firstCreated = new CountDownLatch(1);
        var firstMayCommit = new CountDownLatch(1);
        var executor = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = executor.submit(() -> transactions.executeWithoutResult(status -> {
                partitions.ensure("test_log", month, month);
                firstCreated.countDown();
                await(firstMayCommit);
            }));
            firstCreated.await(10, TimeUnit.SECONDS);
            Future<?> second = executor.submit(
                    () -> transactions.executeWithoutResult(status -> partitions.ensure("test_log", month, month)));
            // the second waits for the first to end, on the partition's lock
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                                    .query(Long.class)
                                    .single()
                            == 1);
            firstMayCommit.countDown();

            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            firstMayCommit.countDown();
            executor.shutdownNow();
        }
        assertThat(partitionsOfTestLog()).containsExactly("test_log_y2024m03");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void dropsOnlyMonthsOlderThanTheRetention() {
        partitions.ensure("test_log", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"));

        var dropped = partitions.dropOlderThan("test_log", 3, Instant.parse("2025-06-15T00:00:00Z"));

        assertThat(dropped).containsExactly("test_log_y2025m01", "test_log_y2025m02");
        assertThat(partitionsOfTestLog())
                .containsExactly("test_log_y2025m03", "test_log_y2025m04", "test_log_y2025m05", "test_log_y2025m06");
    }

    @Test
    void refusesAnythingButATableName() {
        assertThatThrownBy(() -> partitions.ensure("x; drop table users", Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuditLogAndEventsHaveAPartitionForThisMonthAndTheNext() {
        var thisMonth = YearMonth.now(ZoneOffset.UTC);

        for (String table : List.of("audit_log", "events")) {
            assertThat(jdbc.sql("select to_regclass(?) is not null")
                            .param(MonthlyPartitions.partitionName(table, thisMonth))
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(jdbc.sql("select to_regclass(?) is not null")
                            .param(MonthlyPartitions.partitionName(table, thisMonth.plusMonths(1)))
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        }
    }

    private List<String> partitionsOfTestLog() {
        return jdbc.sql("""
                        select c.relname from pg_inherits join pg_class p on p.oid = inhparent
                        join pg_class c on c.oid = inhrelid where p.relname = 'test_log' order by 1""").query(String.class).list();
    }
}

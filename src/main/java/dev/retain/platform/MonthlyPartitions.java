package dev.retain.platform;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Monthly partitions of append-only logs ({@code table_yYYYYmMM}, UTC months): created before rows arrive, dropped
 * when older than the retention, so no log grows without bound.
 */
@Component
public class MonthlyPartitions {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]+");

    /**
     * Logs whose partitions the application may not create or drop itself: their owner's functions do it (the audit
     * log's keep its hash chain verifiable when months are dropped).
     */
    private static final Map<String, PartitionFunctions> GUARDED =
            Map.of(AuditLog.TABLE, new PartitionFunctions("audit_create_partition", "audit_drop_partitions_before"));

    private record PartitionFunctions(String create, String dropBefore) {}

    private final JdbcClient jdbc;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    MonthlyPartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes sure every month from {@code from} to {@code to} (inclusive) has its partition. */
    public void ensure(String table, Instant from, Instant to) {
        requireTableName(table);
        YearMonth last = month(to);
        for (YearMonth month = month(from); !month.isAfter(last); month = month.plusMonths(1)) {
            String partition = partitionName(table, month);
            if (known.contains(partition)) {
                continue;
            }
            create(table, partition, month);
            remember(partition);
        }
    }

    private void create(String table, String partition, YearMonth month) {
        PartitionFunctions guarded = GUARDED.get(table);
        if (guarded != null) {
            jdbc.sql("select " + guarded.create() + "(?::date)")
                    .param(month.atDay(1).toString())
                    .query((RowCallbackHandler) row -> {});
            return;
        }
        // Two transactions creating the same partition at once would both pass "if not exists" and one fail: the
        // second waits on the lock for the first to end, then finds the table. One statement, so that the lock
        // covers the create also without a surrounding transaction.
        jdbc.sql("do $$ begin perform pg_advisory_xact_lock(hashtext('" + partition
                        + "')); create table if not exists "
                        + partition + " partition of " + table + " for values from ('" + month.atDay(1)
                        + " 00:00:00+00') to ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00'); end $$")
                .update();
    }

    /** A partition created in a transaction exists only once it commits: remembered then, not before. */
    private void remember(String partition) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    known.add(partition);
                }
            });
        } else {
            known.add(partition);
        }
    }

    /** Drops the partitions of months that ended more than {@code months} months before {@code now}. */
    public List<String> dropOlderThan(String table, int months, Instant now) {
        requireTableName(table);
        YearMonth oldestKept = month(now).minusMonths(months);
        PartitionFunctions guarded = GUARDED.get(table);
        if (guarded != null) {
            List<String> dropped = jdbc.sql("select * from " + guarded.dropBefore() + "(?::date)")
                    .param(oldestKept.atDay(1).toString())
                    .query(String.class)
                    .list();
            dropped.forEach(known::remove);
            return dropped;
        }
        List<String> dropped = jdbc.sql("""
                        select child.relname from pg_inherits
                        join pg_class parent on parent.oid = pg_inherits.inhparent
                        join pg_class child on child.oid = pg_inherits.inhrelid
                        where parent.relname = ? order by child.relname""").param(table).query(String.class).list().stream()
                .filter(name -> name.compareTo(partitionName(table, oldestKept)) < 0)
                .toList();
        for (String partition : dropped) {
            jdbc.sql("drop table if exists " + partition).update();
            known.remove(partition);
        }
        return dropped;
    }

    static String partitionName(String table, YearMonth month) {
        // concatenated, not formatted: this runs for every row written to a log
        int number = month.getMonthValue();
        return table + "_y" + month.getYear() + (number < 10 ? "m0" : "m") + number;
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    private static void requireTableName(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
    }
}

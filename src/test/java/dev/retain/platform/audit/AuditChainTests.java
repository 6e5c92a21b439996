package dev.retain.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.platform.AuditLog;
import dev.retain.platform.MonthlyPartitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log as the database keeps it: append-only for every role, one hash chain, checked by the verifier. */
@IntegrationTest
class AuditChainTests {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChainVerifier verifier;

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void updateDeleteAndTruncateAreRefusedEvenToTheApplicationsConnectionThatOwnsTheTable() {
        long id = anEntry("refused");
        assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user")
                        .query(Boolean.class)
                        .single())
                .as("the application runs as no superuser")
                .isFalse();
        assertThat(jdbc.sql(
                                "select relowner::regrole::text = current_user from pg_class where oid = 'audit_log'::regclass")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        String partition = partitionOf(id);

        refused(() -> jdbc.sql("update audit_log set actor = 'someone else' where id = ?")
                .param(id)
                .update());
        refused(() -> jdbc.sql("delete from audit_log where id = ?").param(id).update());
        refused(() ->
                jdbc.sql("delete from " + partition + " where id = ?").param(id).update());
        refused(() -> jdbc.sql("truncate audit_log").update());
        refused(() -> jdbc.sql("truncate " + partition).update());
        assertThat(jdbc.sql("select actor from audit_log where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("system");
    }

    @Test
    void theDatabaseAndTheVerifierHashAnEntryAlike() {
        jdbc.sql("""
                        insert into audit_log (at, actor, action, entity_type, entity_id, before, after)
                        values (now(), '王芳', 'update', 'customer', null, null, '{"名字": "李 \\"四\\"", "n": 1.50}')""").update();

        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void retentionDropsAnOldMonthThroughItsFunctionAndTheRestStillVerifies() {
        Instant old = Instant.parse("2019-03-10T08:00:00Z");
        partitions.ensure(AuditLog.TABLE, old, old);
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                            insert into audit_log (at, actor, action, entity_type, entity_id)
                            values (?::timestamptz, 'system', 'old', 'test', ?)""")
                    .params(old.plusSeconds(i).toString(), String.valueOf(i))
                    .update();
        }
        anEntry("after the old ones");
        long anchorsBefore = count("select count(*) from audit_chain_anchors");

        List<String> dropped = partitions.dropOlderThan(AuditLog.TABLE, 0, Instant.parse("2019-04-15T00:00:00Z"));

        assertThat(dropped).contains("audit_log_y2019m03");
        assertThat(count("select count(*) from pg_class where relname = 'audit_log_y2019m03'"))
                .isZero();
        assertThat(count("select count(*) from audit_chain_anchors")).isGreaterThan(anchorsBefore);
        assertThat(verifier.verify().intact()).isTrue();
        // a month created again after its drop is created again, not taken as still there
        partitions.ensure(AuditLog.TABLE, old, old);
        assertThat(count("select count(*) from pg_class where relname = 'audit_log_y2019m03'"))
                .isOne();
    }

    @Test
    void anEntryChangedBehindTheTriggersBackIsFoundByVerify() {
        long id = anEntry("to be tampered with");
        String partition = partitionOf(id);
        assertThat(verifier.verify().intact()).isTrue();

        tamper(partition, "update " + partition + " set action = 'nothing happened' where id = " + id);
        try {
            ChainVerification result = verifier.verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.broken().id()).isEqualTo(id);
            assertThat(result.broken().reason()).contains("content");
        } finally {
            tamper(partition, "update " + partition + " set action = 'to be tampered with' where id = " + id);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void concurrentWritersFormOneChain() throws Exception {
        long before = verifier.verify().entries();
        var executor = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int writer = thread;
                writers.add(executor.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 50; i++) {
                        int n = i;
                        transactions.executeWithoutResult(status ->
                                audit.record("concurrent", "test", writer + "-" + n, null, Map.of("writer", writer)));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }

        ChainVerification result = verifier.verify();
        assertThat(result.intact()).as("%s", result.broken()).isTrue();
        assertThat(result.entries()).isGreaterThanOrEqualTo(before + 400);
        assertThat(count("""
                        select count(*) from (select seq from audit_log where action = 'concurrent'
                        group by seq having count(*) > 1) twice""")).isZero();
    }

    @Test
    void anEntryRecordedInATransactionThatRollsBackLeavesNoTrace() {
        long head = count("select seq from audit_chain");
        transactions.executeWithoutResult(status -> {
            audit.record("rolled back", "test", 1, null, null);
            status.setRollbackOnly();
        });

        assertThat(count("select count(*) from audit_log where action = 'rolled back'"))
                .isZero();
        assertThat(count("select seq from audit_chain")).isGreaterThanOrEqualTo(head);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anEntryRecordedWhileOnlyReadingIsKeptAndChained() {
        String action = "read-only " + System.nanoTime();
        var reading = new TransactionTemplate(transactions.getTransactionManager());
        reading.setReadOnly(true);

        reading.executeWithoutResult(status -> audit.record(action, "test", 1, null, null));

        assertThat(count("select count(*) from audit_log where action = '" + action + "'"))
                .isEqualTo(1);
        assertThat(verifier.verify().intact()).isTrue();
    }

    private static void refused(ThrowingCallable statement) {
        assertThatThrownBy(statement)
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("is append-only");
    }

    /** Changes a row as the table owner may: with the guard switched off for that moment. */
    private void tamper(String partition, String statement) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("alter table " + partition + " disable trigger audit_log_append_only")
                    .update();
            jdbc.sql(statement).update();
            jdbc.sql("alter table " + partition + " enable trigger audit_log_append_only")
                    .update();
        });
    }

    private long anEntry(String action) {
        transactions.executeWithoutResult(status -> audit.record(action, "test", "x", null, Map.of("k", "v")));
        return count("select max(id) from audit_log where action = '" + action + "'");
    }

    private String partitionOf(long id) {
        return jdbc.sql("select tableoid::regclass::text from audit_log where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}

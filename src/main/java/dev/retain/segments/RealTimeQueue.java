package dev.retain.segments;

import dev.retain.platform.DueWork;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers waiting for real-time evaluation. Listeners queue them; a drain every few milliseconds takes everything
 * queued and evaluates it in one set-based pass, so a burst of orders costs a few evaluations rather than one per
 * batch of orders, and latency stays flat under load. The queue is a table, drained in the evaluating transaction:
 * a crash loses nothing, and instances share the work ({@code SKIP LOCKED}).
 */
@Component
class RealTimeQueue implements DueWork {

    static final int MAX_PER_DRAIN = 50_000;

    private final JdbcClient jdbc;
    private final AudienceEvaluation evaluation;
    private final TransactionTemplate transaction;

    RealTimeQueue(JdbcClient jdbc, AudienceEvaluation evaluation, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.evaluation = evaluation;
        this.transaction = new TransactionTemplate(transactions);
    }

    void queue(Collection<Long> customerIds, DataChange change) {
        jdbc.sql("insert into segment_reevaluations (customer_id, change) select unnest(?), ?")
                .params(customerIds.toArray(Long[]::new), change.name())
                .update();
    }

    /** A poller on every instance, not a scheduled job: the rows it drains are claimed with SKIP LOCKED. */
    @Scheduled(fixedDelayString = "${retain.segments.realtime-delay-ms}")
    void drain() {
        Integer drained;
        do {
            drained = transaction.execute(status -> drainOnce());
        } while (drained != null && drained == MAX_PER_DRAIN);
    }

    @Override
    public int runDue() {
        Integer drained = transaction.execute(status -> drainOnce());
        return drained == null ? 0 : drained;
    }

    /** Returns how many queued rows it took. */
    private int drainOnce() {
        Set<Long> customers = new HashSet<>();
        Set<DataChange> changes = EnumSet.noneOf(DataChange.class);
        int[] taken = {0};
        jdbc.sql("""
                        delete from segment_reevaluations where ctid in (
                            select ctid from segment_reevaluations limit ? for update skip locked)
                        returning customer_id, change""").param(MAX_PER_DRAIN).query(rs -> {
            customers.add(rs.getLong(1));
            changes.add(DataChange.valueOf(rs.getString(2)));
            taken[0]++;
        });
        if (!customers.isEmpty()) {
            evaluation.evaluateAffected(customers, changes);
        }
        return taken[0];
    }
}

package dev.retain.bench;

import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.segments.AudienceMember;
import dev.retain.segments.SegmentEntered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The real-time path under load: orders for dormant customers go in through the bulk ingest at a fixed rate, in
 * batches on a fixed schedule (a slow batch does not hold back the next), and each customer's entry into a segment
 * their order qualifies them for is timed from the moment their order was sent to the moment the
 * {@link SegmentEntered} naming them is published and committed. Times are wall-clock, as the event's {@code at} (when
 * its evaluation started) is, so the wait can be told apart from the evaluation.
 */
final class SegmentEntryLatency {

    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Clock CLOCK = Clock.systemUTC();

    /** A customer and the phone number an incoming order names them by. */
    record Customer(long id, String phone) {}

    /** Median, 99th percentile (nearest rank) and maximum of durations in milliseconds; NaN when there were none. */
    record Spread(double p50, double p99, double max) {

        static Spread of(Collection<Double> millis) {
            double[] sorted =
                    millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Spread(Double.NaN, Double.NaN, Double.NaN);
            }
            return new Spread(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        private static double rank(double[] sorted, double fraction) {
            return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return "p50 %.0f ms, p99 %.0f ms, max %.0f ms".formatted(p50, p99, max);
        }
    }

    /**
     * What was sent and seen after the warm-up: {@code entry} from order sent to entry committed, {@code fromRecorded}
     * from the order recorded (the ingest call returned) to entry committed; {@code entry} split into
     * {@code untilEvaluation} (ingest, hand-over and waiting for earlier evaluations) and {@code evaluation} (evaluation start to commit);
     * {@code ingest} is the bulk ingest call for a batch.
     */
    record Figures(
            int sent,
            int warmUp,
            long rejected,
            int observed,
            double sendSeconds,
            Spread entry,
            Spread fromRecorded,
            Spread untilEvaluation,
            Spread evaluation,
            Spread ingest) {}

    private final ConfigurableApplicationContext context;
    private final ZoneId zone;
    private final Map<Long, Instant> sentAt = new ConcurrentHashMap<>();
    private final Map<Long, Instant> recordedAt = new ConcurrentHashMap<>();
    private final Collection<Double> fromRecordedMillis = new ConcurrentLinkedQueue<>();
    private final Map<Long, Double> entryMillis = new ConcurrentHashMap<>();
    private final Set<Long> warmUp = ConcurrentHashMap.newKeySet();
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final Collection<Double> untilEvaluationMillis = new ConcurrentLinkedQueue<>();
    private final Collection<Double> evaluationMillis = new ConcurrentLinkedQueue<>();
    private final Collection<Double> ingestMillis = new ConcurrentLinkedQueue<>();

    SegmentEntryLatency(ConfigurableApplicationContext context, ZoneId zone) {
        this.context = context;
        this.zone = zone;
    }

    /**
     * Sends one order per customer, {@code batchSize} every {@code intervalMillis}, into segment {@code segmentId}. The
     * batches of the first {@code warmUpMillis} warm the server up at the same rate and are left out of the figures.
     */
    Figures measure(long segmentId, List<Customer> customers, int batchSize, long intervalMillis, long warmUpMillis)
            throws Exception {
        var allSeen = new CountDownLatch(customers.size());
        ApplicationListener<ApplicationEvent> listener = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof SegmentEntered entered
                    && entered.segmentId() == segmentId) {
                // Other modules see an entry only once the evaluation has committed, so that is when it counts.
                afterCommit(() -> seen(entered, allSeen));
            }
        };
        context.addApplicationListener(listener);

        var ingest = context.getBean(BulkIngest.class);
        var rejected = new AtomicLong();
        var senders = Executors.newScheduledThreadPool(4);
        var batches = new ArrayList<Future<?>>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int from = 0; from < customers.size(); from += batchSize) {
            List<Customer> batch = customers.subList(from, Math.min(from + batchSize, customers.size()));
            long offsetMillis = intervalMillis * (from / batchSize);
            long due = start + TimeUnit.MILLISECONDS.toNanos(offsetMillis);
            if (offsetMillis < warmUpMillis) {
                batch.forEach(customer -> warmUp.add(customer.id()));
            }
            batches.add(senders.schedule(
                    () -> rejected.addAndGet(send(ingest, batch)), due - System.nanoTime(), TimeUnit.NANOSECONDS));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        allSeen.await(120, TimeUnit.SECONDS);
        return new Figures(
                customers.size(),
                warmUp.size(),
                rejected.get(),
                seen.size(),
                sendSeconds,
                Spread.of(entryMillis.values()),
                Spread.of(fromRecordedMillis),
                Spread.of(untilEvaluationMillis),
                Spread.of(evaluationMillis),
                Spread.of(ingestMillis));
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private void seen(SegmentEntered entered, CountDownLatch allSeen) {
        Instant committed = CLOCK.instant();
        for (AudienceMember member : entered.members()) {
            Instant sent = sentAt.get(member.customerId());
            if (sent == null || !seen.add(member.customerId())) {
                continue;
            }
            allSeen.countDown();
            if (!warmUp.contains(member.customerId())) {
                entryMillis.put(member.customerId(), millis(sent, committed));
                // The ingest call may return a moment after the evaluation began: then the entry waited for nothing.
                Instant recorded = recordedAt.getOrDefault(member.customerId(), sent);
                fromRecordedMillis.add(Math.max(0, millis(recorded, committed)));
                untilEvaluationMillis.add(millis(sent, entered.at()));
                evaluationMillis.add(millis(entered.at(), committed));
            }
        }
    }

    /** Sends one order per customer; returns how many were rejected. */
    private long send(BulkIngest ingest, List<Customer> batch) {
        String orderedAt = LocalDateTime.now(zone).format(ORDER_DATE);
        var records = new ArrayList<Map<String, Object>>(batch.size());
        for (Customer customer : batch) {
            records.add(Map.of(
                    "order_id",
                    "bench-rt-" + customer.id(),
                    "phone",
                    customer.phone(),
                    "order_date",
                    orderedAt,
                    "amount",
                    "268.00"));
        }
        Instant sent = CLOCK.instant();
        batch.forEach(customer -> sentAt.put(customer.id(), sent));
        var results = ingest.ingest(ImportKind.ORDERS, "shop", records, Map.of());
        Instant recorded = CLOCK.instant();
        batch.forEach(customer -> recordedAt.put(customer.id(), recorded));
        ingestMillis.add(millis(sent, recorded));
        return results.stream()
                .filter(result -> result.result().equals("rejected"))
                .peek(result -> System.out.println("  order rejected: " + result.reason()))
                .count();
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}

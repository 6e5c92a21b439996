package dev.retain.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dashboards computed in the last few minutes, by period, scope and day. Many people open the same dashboard in the
 * morning; the first computes it, the ones arriving meanwhile wait for that result instead of computing it again, and
 * the next ones get it until it is {@code retain.analytics.cache-seconds} old. A rebuild of the aggregates empties it.
 */
@Component
class DashboardCache {

    static final int MAX_ENTRIES = 200;

    private record Entry(CompletableFuture<Dashboard> dashboard, Instant computedAt) {}

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    DashboardCache(@Value("${retain.analytics.cache-seconds}") long maxAgeSeconds, Clock clock) {
        this.maxAge = Duration.ofSeconds(maxAgeSeconds);
        this.clock = clock;
    }

    Dashboard get(Object key, Supplier<Dashboard> compute) {
        Instant now = clock.instant();
        CompletableFuture<Dashboard> mine = new CompletableFuture<>();
        Entry entry = entries.compute(key, (k, old) -> old != null && fresh(old, now) ? old : new Entry(mine, now));
        if (entry.dashboard() == mine) {
            evictOld(now);
            try {
                mine.complete(compute.get());
            } catch (RuntimeException | Error e) {
                entries.remove(key, entry);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        return entry.dashboard().join();
    }

    void put(Object key, Dashboard dashboard) {
        entries.put(key, new Entry(CompletableFuture.completedFuture(dashboard), dashboard.computedAt()));
    }

    void clear() {
        entries.clear();
    }

    private boolean fresh(Entry entry, Instant now) {
        return !entry.dashboard().isCompletedExceptionally()
                && entry.computedAt().plus(maxAge).isAfter(now);
    }

    private void evictOld(Instant now) {
        entries.values().removeIf(e -> e.dashboard().isDone() && !fresh(e, now));
        while (entries.size() > MAX_ENTRIES) {
            entries.entrySet().stream()
                    .min(Comparator.comparing(e -> e.getValue().computedAt()))
                    .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}

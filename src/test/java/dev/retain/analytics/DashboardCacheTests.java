package dev.retain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.messaging.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DashboardCacheTests {

    MovableClock clock = new MovableClock();

    {
        clock.set(Instant.parse("2026-03-02T01:00:00Z"));
    }

    DashboardCache cache = new DashboardCache(300, clock);
    AtomicInteger computations = new AtomicInteger();

    @Test
    void readersArrivingWhileItIsComputedWaitForThatOneComputation() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(5);
        try {
            Future<Dashboard> first = readers.submit(() -> cache.get("key", () -> {
                computing.countDown();
                await(release);
                return aDashboard();
            }));
            computing.await(5, TimeUnit.SECONDS);
            List<Future<Dashboard>> others = List.of(
                    readers.submit(() -> cache.get("key", this::aDashboard)),
                    readers.submit(() -> cache.get("key", this::aDashboard)));
            release.countDown();
            Dashboard shown = first.get(5, TimeUnit.SECONDS);
            for (Future<Dashboard> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS)).isSameAs(shown);
            }
            assertThat(computations).hasValue(1);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aResultIsReusedUntilItIsTooOldOrTheCacheIsCleared() {
        Dashboard first = cache.get("key", this::aDashboard);
        clock.advance(Duration.ofSeconds(299));
        assertThat(cache.get("key", this::aDashboard)).isSameAs(first);
        assertThat(cache.get("other key", this::aDashboard)).isNotSameAs(first);

        clock.advance(Duration.ofSeconds(2));
        Dashboard second = cache.get("key", this::aDashboard);
        assertThat(second).isNotSameAs(first);

        cache.clear();
        assertThat(cache.get("key", this::aDashboard)).isNotSameAs(second);
        assertThat(computations).hasValue(4);
    }

    @Test
    void aFailureIsNotKept() {
        assertThatThrownBy(() -> cache.get("key", () -> {
                    throw new IllegalStateException("database gone");
                }))
                .hasMessage("database gone");
        assertThat(cache.get("key", this::aDashboard)).isNotNull();
        assertThat(computations).hasValue(1);
    }

    private Dashboard aDashboard() {
        computations.incrementAndGet();
        Period period = Period.endingOn(LocalDate.parse("2026-03-01"), 30);
        return new Dashboard(
                period, CustomerScope.EVERYONE, clock.instant(), null, null, List.of(), null, List.of(), List.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

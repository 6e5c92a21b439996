package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerThreadsTests {

    @Test
    void aThreadClaimsAgainAtOnceAfterAFullBatchAndWaitsAfterAShortOne() throws Exception {
        var queue = new AtomicInteger(25);
        var claims = new AtomicInteger();
        // batches of 10: 10, 10, then 5 (short), then empty ones a second apart
        try (var workers = new WorkerThreads(
                        "test-worker",
                        1,
                        () -> {
                            claims.incrementAndGet();
                            int taken = Math.min(10, queue.get());
                            queue.addAndGet(-taken);
                            return taken;
                        },
                        10,
                        Duration.ofSeconds(1))
                .start()) {
            await().atMost(Duration.ofMillis(500)).until(() -> queue.get() == 0);
            assertThat(claims.get()).isEqualTo(3);
            Thread.sleep(300);
            assertThat(claims.get()).isEqualTo(3);
        }
    }

    @Test
    void theThreadsWorkAtTheSameTimeWithoutWaitingForEachOther() throws Exception {
        var names = ConcurrentHashMap.<String>newKeySet();
        var slowOneRunning = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var others = new AtomicInteger();
        try (var workers = new WorkerThreads(
                        "test-worker",
                        3,
                        () -> {
                            String name = Thread.currentThread().getName();
                            names.add(name);
                            if (name.equals("test-worker-1")) {
                                slowOneRunning.countDown();
                                waitFor(release);
                            } else {
                                others.incrementAndGet();
                            }
                            return 0;
                        },
                        1,
                        Duration.ofMillis(10))
                .start()) {
            assertThat(slowOneRunning.await(5, TimeUnit.SECONDS)).isTrue();
            // while thread 1 is held in a long batch, the other two keep polling
            await().atMost(Duration.ofSeconds(5)).until(() -> others.get() >= 20);
            release.countDown();
        }
        assertThat(names).isEqualTo(Set.of("test-worker-1", "test-worker-2", "test-worker-3"));
    }

    @Test
    void aFailingBatchDoesNotStopTheThreadAndCloseWaitsForTheBatchInProgress() throws Exception {
        var calls = new AtomicInteger();
        var finished = new AtomicInteger();
        var workers = new WorkerThreads(
                        "test-worker",
                        1,
                        () -> {
                            if (calls.incrementAndGet() == 1) {
                                throw new IllegalStateException("database unreachable");
                            }
                            sleep(200);
                            finished.incrementAndGet();
                            return 0;
                        },
                        1,
                        Duration.ofMillis(10))
                .start();
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 2);
        workers.close();
        int finishedAtClose = finished.get();
        assertThat(finishedAtClose).isEqualTo(calls.get() - 1);
        Thread.sleep(300);
        assertThat(calls.get()).isEqualTo(finishedAtClose + 1);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

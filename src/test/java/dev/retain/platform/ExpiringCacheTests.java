package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ExpiringCacheTests {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), now::get);

    private String read(String key) {
        return cache.get(key, k -> k + "#" + loads.incrementAndGet());
    }

    @Test
    void keepsAValueForItsTimeToLiveThenLoadsItAgain() {
        assertThat(read("a")).isEqualTo("a#1");
        now.set(Duration.ofMillis(4_999).toNanos());
        assertThat(read("a")).isEqualTo("a#1");
        assertThat(read("b")).isEqualTo("b#2");

        now.set(Duration.ofSeconds(5).toNanos());
        assertThat(read("a")).isEqualTo("a#3");
    }

    @Test
    void forgettingOneKeyLeavesTheOthers() {
        read("a");
        read("b");
        cache.forget("a");

        assertThat(read("a")).isEqualTo("a#3");
        assertThat(read("b")).isEqualTo("b#2");
    }

    @Test
    void clearingInATransactionForgetsAtOnceAndAgainWhenItEnds() {
        read("a");
        TransactionSynchronizationManager.initSynchronization();
        try {
            cache.clear();
            // read in the transaction, e.g. by a concurrent reader still seeing the old row
            assertThat(read("a")).isEqualTo("a#2");
            assertThat(read("a")).isEqualTo("a#2");
            for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
                synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
            }
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }

        assertThat(read("a")).isEqualTo("a#3");
    }

    @Test
    void aFailedLoadCachesNothing() {
        try {
            cache.get("a", k -> {
                throw new IllegalStateException("no such row");
            });
        } catch (IllegalStateException expected) {
            // the caller sees the failure
        }

        assertThat(read("a")).isEqualTo("a#1");
    }
}

package dev.retain.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps values that are read for every message or step but change rarely (templates, field definitions) for a short
 * time. A change made on another instance shows after at most the time to live; one made here shows at once.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {}

    private final long timeToLive;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(Duration timeToLive) {
        this(timeToLive, System::nanoTime);
    }

    ExpiringCache(Duration timeToLive, LongSupplier nanoTime) {
        this.timeToLive = timeToLive.toNanos();
        this.nanoTime = nanoTime;
    }

    public V get(K key, Function<K, V> load) {
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry == null || now - entry.loadedAt() >= timeToLive) {
            entry = new Entry<>(load.apply(key), now);
            entries.put(key, entry);
        }
        return entry.value();
    }

    public void forget(K key) {
        entries.remove(key);
    }

    /**
     * Forgets every value now and again when the current transaction ends: what a concurrent reader cached meanwhile
     * was the old value, and what this transaction read may be rolled back.
     */
    public void clear() {
        entries.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entries.clear();
                }
            });
        }
    }
}

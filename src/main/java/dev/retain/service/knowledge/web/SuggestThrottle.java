package dev.retain.service.knowledge.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits the unauthenticated suggestions to {@code retain.knowledge.suggest-per-minute} requests per client address
 * and minute (a fixed window), so nobody can use the endpoint to load the database or copy the public articles fast.
 * Counted in this instance's memory: a customer typing stays on one instance long enough, and a restart forgets.
 */
@Component
class SuggestThrottle {

    private static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    SuggestThrottle(@Value("${retain.knowledge.suggest-per-minute}") int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private record Window(long minute, int count) {}

    /** Counts a request from this address; false when it is over the limit for the current minute. */
    boolean allow(String address) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(window -> window.minute() < minute);
        }
        Window window = windows.compute(
                address,
                (key, old) -> old == null || old.minute() != minute
                        ? new Window(minute, 1)
                        : new Window(minute, old.count() + 1));
        return window.count() <= perMinute;
    }

    int perMinute() {
        return perMinute;
    }
}

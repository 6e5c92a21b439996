package dev.retain.messaging;

import java.time.Duration;

/** Waits between attempts: the first delay, doubled after each failure, at most {@code max}. */
record Backoff(Duration first, Duration max, int maxAttempts) {

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration after(int attempts) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}

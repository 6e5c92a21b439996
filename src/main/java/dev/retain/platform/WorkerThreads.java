package dev.retain.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that each drain one queue claimed in batches with {@code FOR UPDATE SKIP LOCKED}, on their own: a thread
 * claims again at once after a full batch and waits a moment after a short one. A worker spends most of its time
 * waiting for the database's answers, so one thread would leave the machine idle while work is due; and no thread waits
 * for another, so a long batch on one does not hold the others back. Threads claim different rows, as separate
 * instances do.
 */
public final class WorkerThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerThreads.class);

    private final List<Thread> threads = new ArrayList<>();
    private final IntSupplier claim;
    private final int full;
    private final long idleNanos;
    private volatile boolean running = true;

    /**
     * @param claim claims and runs one batch, returning how many it claimed
     * @param full the size of a full batch: after one, more may be due at once
     * @param idle the wait after a short batch
     */
    public WorkerThreads(String name, int count, IntSupplier claim, int full, Duration idle) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread, not " + count);
        }
        this.claim = claim;
        this.full = full;
        this.idleNanos = idle.toNanos();
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(this::loop, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    public WorkerThreads start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void loop() {
        while (running) {
            int claimed;
            try {
                claimed = claim.getAsInt();
            } catch (RuntimeException e) {
                log.warn(
                        "{} failed; trying again shortly",
                        Thread.currentThread().getName(),
                        e);
                claimed = 0;
            }
            if (claimed < full && running) {
                LockSupport.parkNanos(idleNanos);
            }
        }
    }

    /** Lets the batches in progress finish, so that their work commits. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        threads.forEach(LockSupport::unpark);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }
}

package dev.retain.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several threads draining one queue that is claimed in batches with {@code FOR UPDATE SKIP LOCKED}: a worker spends
 * most of its time waiting for the database's answers, not computing, so one thread leaves the machine idle while work
 * is due. Threads claim different rows, as separate instances do.
 */
public final class WorkerThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerThreads.class);

    private final ExecutorService threads;
    private final int count;

    public WorkerThreads(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread, not " + count);
        }
        var number = new AtomicInteger();
        this.count = count;
        this.threads = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code claim} on every thread until each gets back fewer than {@code full} (the queue is drained) or fails;
     * returns when all have stopped.
     */
    public void drain(IntSupplier claim, int full) {
        List<Future<?>> loops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            loops.add(threads.submit(() -> {
                while (claim.getAsInt() >= full) {
                    // a full batch: more may be due
                }
            }));
        }
        for (Future<?> loop : loops) {
            try {
                loop.get();
            } catch (ExecutionException e) {
                log.warn("A worker stopped on an error; the next run goes on", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Lets the batches in progress finish, so that their work commits. */
    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }
}

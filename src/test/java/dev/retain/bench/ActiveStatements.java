package dev.retain.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code -Dbench.statements=true}: samples every 20 ms the statements the database is running, or after which a
 * transaction waits for the application, while a measured step runs, and prints those seen most — where the step's time
 * goes, without a superuser or an extension. Otherwise does nothing.
 */
final class ActiveStatements {

    private static final long INTERVAL_NANOS = 20_000_000;

    private final Map<String, Integer> seen = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    private ActiveStatements(JdbcClient jdbc) {
        sampler = new Thread(() -> {
            while (running.get()) {
                jdbc.sql("""
                                select case when state = 'active' then '' else '(' || state || ') ' end
                                       || coalesce(wait_event_type || ':' || wait_event || ' ', '')
                                       || regexp_replace(left(query, 140), '\\s+', ' ', 'g')
                                from pg_stat_activity
                                where state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend'""").query(String.class).list().forEach(query -> {
                    synchronized (seen) {
                        seen.merge(query, 1, Integer::sum);
                    }
                });
                LockSupport.parkNanos(INTERVAL_NANOS);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
    }

    static ActiveStatements startIf(JdbcClient jdbc) {
        return Boolean.getBoolean("bench.statements") ? new ActiveStatements(jdbc) : null;
    }

    /** Stops sampling and prints the statements seen in most samples, with the share of samples. */
    static void stopAndPrint(ActiveStatements samples, String step) throws InterruptedException {
        if (samples == null) {
            return;
        }
        samples.running.set(false);
        samples.sampler.join();
        synchronized (samples.seen) {
            int all = samples.seen.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("%s: statements seen running (%d samples of 20 ms)%n", step, all);
            samples.seen.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(8)
                    .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
        }
    }
}

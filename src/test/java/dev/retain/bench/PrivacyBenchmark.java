package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerQuery;
import dev.retain.customers.CustomerRecord;
import dev.retain.customers.Customers;
import dev.retain.customers.Email;
import dev.retain.customers.Identity;
import dev.retain.customers.LifecycleStage;
import dev.retain.customers.PersonalDataConversion;
import dev.retain.customers.PersonalDataSettings;
import dev.retain.customers.Phone;
import dev.retain.customers.SensitiveField;
import dev.retain.platform.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Phone and email encrypted at rest against the same data in plain text, in one run on one database: N customers
 * loaded plain; identity lookups (the probe identity resolution and the bulk APIs make) and customer searches by a
 * whole phone number and email, plain; a plain rewrite of every customer's phone and email as the reference; the
 * background conversion encrypting them all, with lookups timed while it runs; then the same lookups and searches by
 * blind index, and by the last four digits. Run by {@code bench/privacy}; prints figures and, last, one line of
 * key=value pairs.
 */
public final class PrivacyBenchmark {

    private static final int LOOKUPS = 5_000;
    private static final int SEARCHES = 100;
    private static final Instant SIGNED_UP = Instant.parse("2025-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-privacy")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        // the conversion is run and timed here, not by the background worker
                        "retain.personal-data.conversion.worker-enabled=false",
                        "retain.segments.recompute-cron=-",
                        "logging.level.root=WARN")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        try {
            run(context, customers);
        } finally {
            context.close();
        }
    }

    private static void run(ConfigurableApplicationContext context, int count) throws Exception {
        var customers = context.getBean(Customers.class);
        var settings = context.getBean(PersonalDataSettings.class);
        var conversion = context.getBean(PersonalDataConversion.class);
        var jdbc = context.getBean(JdbcClient.class);
        var dataSource = context.getBean(DataSource.class);
        Consumer<Boolean> sensitive = on -> settings.change(
                on ? EnumSet.of(SensitiveField.PHONE, SensitiveField.EMAIL) : EnumSet.noneOf(SensitiveField.class),
                EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SALES, Role.SERVICE));

        sensitive.accept(false);
        conversion.runToEnd();
        long started = System.nanoTime();
        customers.loadInBulk(sink -> {
            for (int i = 1; i <= count; i++) {
                sink.accept(customer(i));
            }
        });
        vacuumAnalyze(dataSource);
        System.out.printf("loaded %,d customers with phone and email, plain, in %.1f s%n", count, seconds(started));

        var random = new Random(7);
        int[] picked = random.ints(LOOKUPS, 1, count + 1).toArray();
        int[] searched = Arrays.copyOf(picked, Math.min(SEARCHES, picked.length));

        lookups(customers, random.ints(1_000, 1, count + 1).toArray()); // warm up, not counted
        Timing plainLookups = lookups(customers, picked);
        Timing plainSearches = searches(customers, searched, false);
        System.out.printf(
                "plain: identity lookups %s; searches by whole phone and email %s%n", plainLookups, plainSearches);

        // the same rows the conversion writes: each customer's phone and email, and their phone and email identities
        started = System.nanoTime();
        long rewritten = jdbc.sql("update customers set phone = phone, email = email where phone is not null")
                .update();
        long identities = jdbc.sql("update customer_identities set value = value where kind in ('phone', 'email')")
                .update();
        double rewriteSeconds = seconds(started);
        vacuumAnalyze(dataSource);
        System.out.printf(
                "reference: %,d customers' phone and email and their %,d identities rewritten plain, one statement"
                        + " each: %.2f s%n",
                rewritten, identities, rewriteSeconds);

        var during = new Timing("during the conversion");
        var converting = new AtomicBoolean(true);
        // the server in use meanwhile: a lookup every 10 ms, as requests and imports would make them
        Thread lookupsMeanwhile = new Thread(() -> {
            var meanwhile = new Random(11);
            while (converting.get()) {
                int i = meanwhile.nextInt(count) + 1;
                long t = System.nanoTime();
                customers.idOf(new Identity("phone", phone(i))).orElseThrow();
                during.add(System.nanoTime() - t);
                LockSupport.parkNanos(10_000_000);
            }
        });
        sensitive.accept(true);
        started = System.nanoTime();
        Instant startedAt = Instant.now();
        lookupsMeanwhile.start();
        long converted = conversion.runToEnd();
        double jobSeconds = seconds(started);
        converting.set(false);
        lookupsMeanwhile.join();
        // the job's end: the conversion finished (as it notes), then it rebuilt the indexes it left half empty
        Instant finishedAt = jdbc.sql("select finished_at from personal_data_conversion")
                .query(Timestamp.class)
                .single()
                .toInstant();
        double encryptSeconds = Duration.between(startedAt, finishedAt).toNanos() / 1e9;
        double reindexSeconds = jobSeconds - encryptSeconds;
        vacuumAnalyze(dataSource);
        System.out.printf(
                "encryption job: %,d customers (phone, email, identities) encrypted in batches in %.2f s, %.2f× the"
                        + " plain rewrite, then their indexes rebuilt in %.2f s; identity lookups meanwhile %s%n",
                converted, encryptSeconds, encryptSeconds / rewriteSeconds, reindexSeconds, during);
        long plainLeft = jdbc.sql("select count(*) from customers where phone is not null or email is not null")
                .query(Long.class)
                .single();
        if (plainLeft > 0) {
            throw new IllegalStateException(plainLeft + " customers still have a plain phone or email");
        }

        lookups(customers, random.ints(1_000, 1, count + 1).toArray()); // warm up as before the plain ones, not counted
        Timing sealedLookups = lookups(customers, picked);
        Timing sealedSearches = searches(customers, searched, false);
        Timing lastFour = searches(customers, searched, true);
        System.out.printf(
                "encrypted: identity lookups by blind index %s; searches by whole phone and email %s; by the last four"
                        + " digits %s%n",
                sealedLookups, sealedSearches, lastFour);

        System.out.printf(
                "customers=%d lookup_plain_us=%.0f lookup_encrypted_us=%.0f lookup_ratio=%.2f search_plain_ms=%.1f"
                        + " search_encrypted_ms=%.1f search_ratio=%.2f last4_search_ms=%.1f rewrite_s=%.2f"
                        + " encrypt_s=%.2f encrypt_ratio=%.2f reindex_s=%.2f lookup_during_p95_ms=%.1f%n",
                count,
                plainLookups.meanMicros(),
                sealedLookups.meanMicros(),
                sealedLookups.meanMicros() / plainLookups.meanMicros(),
                plainSearches.meanMicros() / 1e3,
                sealedSearches.meanMicros() / 1e3,
                sealedSearches.meanMicros() / plainSearches.meanMicros(),
                lastFour.meanMicros() / 1e3,
                rewriteSeconds,
                encryptSeconds,
                encryptSeconds / rewriteSeconds,
                reindexSeconds,
                during.percentileMicros(95) / 1e3);
    }

    /** Finds customers by phone and by email, as identity resolution and the bulk APIs do one record at a time. */
    private static Timing lookups(Customers customers, int[] picked) {
        var timing = new Timing("identity lookups");
        for (int i : picked) {
            long t = System.nanoTime();
            long byPhone = customers.idOf(new Identity("phone", phone(i))).orElseThrow();
            long byEmail = customers.idOf(new Identity("email", email(i))).orElseThrow();
            timing.add((System.nanoTime() - t) / 2);
            if (byPhone != i || byEmail != i) {
                throw new IllegalStateException("customer " + i + " found as " + byPhone + " and " + byEmail);
            }
        }
        return timing;
    }

    /** The customer list searched by a whole phone number and by an email address (or by a phone's last four digits). */
    private static Timing searches(Customers customers, int[] picked, boolean lastFour) {
        var timing = new Timing("searches");
        for (int i : picked) {
            String phone = phone(i);
            List<String> queries =
                    lastFour ? List.of(phone.substring(phone.length() - 4)) : List.of(phone.substring(3), email(i));
            for (String query : queries) {
                long t = System.nanoTime();
                var found = customers.search(
                        new CustomerQuery(query, null, null, null, null, CustomerQuery.Sort.CREATED, true), 0, 25);
                timing.add(System.nanoTime() - t);
                if (!lastFour && found.items().stream().noneMatch(c -> c.id() == i)) {
                    throw new IllegalStateException("customer " + i + " not found by " + query);
                }
            }
        }
        return timing;
    }

    private static CustomerRecord customer(int i) {
        return new CustomerRecord(
                i,
                CustomerKind.PERSON,
                "客户 " + i,
                new Phone(phone(i)),
                new Email(email(i)),
                i % 2 == 0 ? "F" : "M",
                null,
                "上海",
                "华东",
                null,
                null,
                LifecycleStage.REPEAT,
                "bench",
                SIGNED_UP,
                List.of(),
                List.of());
    }

    /** A distinct mobile number per customer. */
    static String phone(int i) {
        return "+86139" + "%08d".formatted(i);
    }

    static String email(int i) {
        return "c" + i + "@example" + (i % 50) + ".com";
    }

    private static void vacuumAnalyze(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("vacuum analyze customers");
            statement.execute("vacuum analyze customer_identities");
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Durations of one kind of request. */
    private static final class Timing {
        private final String name;
        private final List<Long> nanos = new ArrayList<>();

        Timing(String name) {
            this.name = name;
        }

        synchronized void add(long duration) {
            nanos.add(duration);
        }

        synchronized double meanMicros() {
            return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e3;
        }

        synchronized double percentileMicros(int percentile) {
            if (nanos.isEmpty()) {
                return 0;
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)] / 1e3;
        }

        @Override
        public synchronized String toString() {
            return "%,d in mean %.0f µs, p95 %.0f µs".formatted(nanos.size(), meanMicros(), percentileMicros(95));
        }
    }
}

package dev.retain.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.retain.RetainApplication;
import dev.retain.analytics.AnalyticsRefresh;
import dev.retain.commerce.OrdersRecorded;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerRecord;
import dev.retain.customers.Customers;
import dev.retain.customers.LifecycleStage;
import dev.retain.loyalty.ExpiryPolicy;
import dev.retain.loyalty.LedgerCheck;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.NightlyLoyaltyRun;
import dev.retain.loyalty.RefundShortfall;
import dev.retain.loyalty.Rounding;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.PendingEvents;
import dev.retain.platform.PostgresCopy;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.platform.database.DatabasePasswords;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The points programme over N members with K orders each, spread over the last 26 months (some refunded, cancelled or
 * partly returned), against references measured in the same run on the same database:
 * <ul>
 *   <li>the initial earning of the whole order history — the programme switched on with an early first day, which
 *       earns every past order in one set-based run — against one hand-written statement computing the same
 *       per-member balances from the orders; every member's balances must agree;
 *   <li>the nightly run (pending points becoming spendable, points running out) after the clock moved 45 days, against
 *       hand-written statements of the same rules run inside a transaction rolled back after; the members each step
 *       covered must agree;
 *   <li>redemptions through the HTTP API at 50 concurrent clients, one in ten resending an earlier request's key,
 *       against a bare conditional {@code UPDATE ... WHERE balance >= x} of a scratch balance row at the same
 *       concurrency over JDBC; then no member overdrawn, no key applied twice, and the ledger check whole.
 * </ul>
 * Run by {@code bench/loyalty}; the last line holds the figures as key=value pairs.
 */
public final class LoyaltyBenchmark {

    private static final long SEED = 20_261_219L;
    private static final int HISTORY_DAYS = 790;
    private static final int PENDING_DAYS = 30;
    private static final int EXPIRY_MONTHS = 12;
    private static final BigDecimal POINTS_PER_UNIT = new BigDecimal("1.5");
    private static final int FIRST_ORDER_BONUS = 100;
    /** The clock moves this far between the initial earning and the nightly run. */
    private static final int DAYS_TO_NIGHTLY = 45;

    private static final int CLIENTS = 50;
    private static final int REDEEMING_MEMBERS = 1_000;
    private static final int WARM_UP_REQUESTS = 1_000;
    /** One in this many customers has their latest order refunded after the initial earning. */
    private static final int REFUNDED_AFTER_EARNING = 50;

    private static final Pattern TRANSACTION_ID = Pattern.compile("\"transactionId\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int members = options.getOrDefault("--members", 1_000_000);
        int ordersPerMember = options.getOrDefault("--orders-per-member", 10);
        int redemptions = options.getOrDefault("--redemptions", 20_000);
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-loyalty")));
        var clock = new MovableClock();
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(ctx -> ((GenericApplicationContext) ctx)
                        .registerBean("benchClock", Clock.class, () -> clock, bean -> bean.setPrimary(true)))
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        "retain.messaging.worker.enabled=false",
                        "retain.loyalty.nightly-cron=-",
                        "retain.segments.recompute-cron=-",
                        "retain.sales.reclaim-cron=-",
                        "retain.coupons.expiry-cron=-",
                        "retain.analytics.rebuild-cron=-",
                        "logging.level.root=WARN")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        boolean whole;
        try {
            if (Boolean.getBoolean("bench.explain")) {
                explainSlowStatements(context, work);
            }
            whole = new LoyaltyBenchmark(context, clock).run(members, ordersPerMember, redemptions);
        } finally {
            context.close();
        }
        if (!whole) {
            System.exit(1);
        }
    }

    /**
     * With {@code -Dbench.explain=true} (and {@code -Dlogging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG}
     * to see them): the plans of statements over 200 ms, with their actual rows and times, sent to the client as
     * notices — auto_explain for the application's connections, set by the embedded server's superuser, the pool's
     * connections opened afresh.
     */
    private static void explainSlowStatements(ConfigurableApplicationContext context, Path work) throws Exception {
        HikariDataSource pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        var passwords = DatabasePasswords.existing(work.resolve("data/pg"));
        try (Connection superuser = DriverManager.getConnection(pool.getJdbcUrl(), "postgres", passwords.superuser());
                Statement statement = superuser.createStatement()) {
            String role = pool.getUsername();
            statement.execute("alter role " + role + " set session_preload_libraries = 'auto_explain'");
            statement.execute("alter role " + role + " set auto_explain.log_min_duration = '200ms'");
            statement.execute("alter role " + role + " set auto_explain.log_analyze = on");
            // sent to the client too, where JdbcTemplate logs it at DEBUG
            statement.execute("alter role " + role + " set auto_explain.log_level = 'notice'");
        }
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!Set.of("--members", "--orders-per-member", "--redemptions").contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: bench/loyalty [--members N] [--orders-per-member K] [--redemptions R]");
            }
            options.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return options;
    }

    private final ConfigurableApplicationContext context;
    private final MovableClock clock;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ZoneId zone;
    private final PendingEvents pendingEvents;
    private final TransactionTemplate transactions;

    private LoyaltyBenchmark(ConfigurableApplicationContext context, MovableClock clock) {
        this.context = context;
        this.clock = clock;
        this.jdbc = context.getBean(JdbcClient.class);
        this.dataSource = context.getBean(DataSource.class);
        this.zone = context.getBean(CompanyZone.class).zone();
        this.pendingEvents = context.getBean(PendingEvents.class);
        this.transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /** Runs the three steps; false when a member is overdrawn, a key applied twice or the ledger not whole. */
    private boolean run(int members, int ordersPerMember, int redemptions) throws Exception {
        LocalDate today = LocalDate.now(zone);
        Instant start = today.atTime(LocalTime.NOON).atZone(zone).toInstant();
        clock.set(start);
        long started = System.nanoTime();
        long orders = load(members, ordersPerMember, start);
        // the analytics' first build, which would otherwise start during a measured step
        context.getBean(AnalyticsRefresh.class).rebuild();
        vacuumAnalyze("customers", "orders");
        System.out.printf(
                "loaded %,d customers and %,d orders (%,d paid) in %.1f s%n",
                members, orders, count("select count(*) from orders where status = 'PAID'"), seconds(started));

        // (1) the initial earning
        var programme = context.getBean(LoyaltyProgramme.class);
        programme.addRule(new RuleChange(POINTS_PER_UNIT, Rounding.HALF_UP, FIRST_ORDER_BONUS));
        awaitEvents();
        LocalDate earnFrom = today.minusMonths(25);
        count("select count(*) + sum(base_amount)::bigint from orders"); // the orders in the cache for both
        started = System.nanoTime();
        long referenceMembers = referenceBalances(earnFrom, start);
        double earnReferenceS = seconds(started);
        var earnSamples = ActiveStatements.startIf(jdbc);
        started = System.nanoTime();
        programme.update(new SettingsChange(
                true,
                earnFrom,
                PENDING_DAYS,
                ExpiryPolicy.END_OF_MONTH,
                EXPIRY_MONTHS,
                365,
                RefundShortfall.NEGATIVE_BALANCE,
                null,
                null));
        awaitEvents();
        double earnS = seconds(started);
        ActiveStatements.stopAndPrint(earnSamples, "initial earning");
        long mismatches = count("""
                select count(*) from loyalty_members m
                full join bench_reference_balances r on r.customer_id = m.customer_id
                where (coalesce(m.active, 0), coalesce(m.pending, 0))
                      is distinct from (coalesce(r.active, 0), coalesce(r.pending, 0))""");
        System.out.printf(
                "initial earning: %,d lots (%,d of them expired at once) for %,d members in %.2f s; hand-written"
                        + " balances of %,d members %.2f s; ratio %.2f; mismatches=%d%n",
                count("select count(*) from loyalty_lots"),
                count("select count(*) from loyalty_lots where remaining = 0"),
                count("select count(*) from loyalty_members"),
                earnS,
                referenceMembers,
                earnReferenceS,
                earnS / earnReferenceS,
                mismatches);
        if (mismatches > 0) {
            throw new IllegalStateException(mismatches + " members' balances differ from the hand-written statement");
        }

        String[] ledger = {
            "loyalty_members",
            "loyalty_transactions",
            "loyalty_keys",
            "loyalty_entries",
            "loyalty_lots",
            "loyalty_draws",
            "loyalty_order_points"
        };
        // each write meets the tables without the rows rolled back before it
        vacuumAnalyze(ledger);
        double floorS = ledgerWriteFloor(false);
        vacuumAnalyze(ledger);
        double unboundFloorS = ledgerWriteFloor(true);
        vacuumAnalyze(ledger);
        System.out.printf(
                "the same ledger rows written by hand (copies of the earning's rows into the same tables, with their"
                        + " keys, checks and triggers, rolled back): %.2f s, the earning took %.2f× that; without the"
                        + " ledger's foreign keys %.2f s%n",
                floorS, earnS / floorS, unboundFloorS);

        // refunds after the earning: exactly what the refunded orders earned comes back
        refundLatestOrders(start);

        // (2) the nightly run, 45 days later
        Instant night =
                today.plusDays(DAYS_TO_NIGHTLY).atTime(0, 10).atZone(zone).toInstant();
        clock.set(night);
        vacuumAnalyze("loyalty_lots", "loyalty_members", "loyalty_transactions", "loyalty_keys", "loyalty_entries");
        count("select count(*) + sum(remaining) from loyalty_lots"); // the lots in the cache for both
        Map<String, Long> reference = new LinkedHashMap<>();
        // the events' partition of that night exists for both, as the run makes sure of it
        context.getBean(MonthlyPartitions.class).ensure("events", night, night);
        started = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            for (ReferenceStep step : nightlySteps()) {
                reference.put(
                        step.name(),
                        jdbc.sql(step.sql())
                                .param("now", Timestamp.from(night))
                                .param("today", Date.valueOf(night.atZone(zone).toLocalDate()))
                                .query(Long.class)
                                .single());
            }
            status.setRollbackOnly();
        });
        double nightlyReferenceS = seconds(started);
        // the rolled-back rows gone, so the run meets the tables as the reference did
        vacuumAnalyze("loyalty_lots", "loyalty_members", "loyalty_transactions", "loyalty_keys", "loyalty_entries");
        var nightlySamples = ActiveStatements.startIf(jdbc);
        started = System.nanoTime();
        NightlyLoyaltyRun.Result nightly =
                context.getBean(NightlyLoyaltyRun.class).run();
        double nightlyS = seconds(started);
        ActiveStatements.stopAndPrint(nightlySamples, "nightly run");
        Map<String, Long> product =
                Map.of("activation", (long) nightly.activated(), "expiry", (long) nightly.expired(), "reminders", (long)
                        nightly.reminded());
        System.out.printf(
                "nightly run: points became spendable for %,d members, ran out for %,d, in %.2f s; hand-written"
                        + " statements %s in %.2f s; ratio %.2f%n",
                nightly.activated(),
                nightly.expired(),
                nightlyS,
                reference,
                nightlyReferenceS,
                nightlyS / nightlyReferenceS);
        reference.forEach((step, members1) -> {
            if (product.containsKey(step) && !product.get(step).equals(members1)) {
                throw new IllegalStateException("nightly " + step + ": the run covered " + product.get(step)
                        + " members, the hand-written statement " + members1);
            }
        });

        // (3) redemptions
        Redemptions api = redeemThroughApi(redemptions);
        double bareRate = bareUpdates(api.requests());
        long overdrafts = count("""
                select count(*) from bench_redeeming b
                left join loyalty_members m on m.customer_id = b.customer_id
                left join (select customer_id, sum(points) as active from loyalty_entries
                           where account = 'ACTIVE' group by customer_id) e on e.customer_id = b.customer_id
                where m.active < 0 or e.active < 0""");
        long duplicates = api.appliedTwice() + count("""
                select count(*) from (select idempotency_key from loyalty_transactions
                                      where reason = 'REDEMPTION' and idempotency_key like 'bench-%'
                                      group by idempotency_key having count(*) > 1) twice""");
        System.out.printf(
                "redemptions through the API: %,d requests (%,d resent keys, %,d refused for the balance) from %d"
                        + " clients, %.0f/s, p50 %.1f ms, p99 %.1f ms; bare conditional UPDATE %.0f/s; ratio %.2f;"
                        + " overdrafts=%d duplicates=%d%n",
                api.requests().size(),
                api.resent(),
                api.refused(),
                CLIENTS,
                api.perSecond(),
                api.percentileMillis(50),
                api.percentileMillis(99),
                bareRate,
                api.perSecond() / bareRate,
                overdrafts,
                duplicates);

        LedgerCheck.Result check = context.getBean(LedgerCheck.class).run();
        System.out.printf(
                "ledger check: %s; %,d transactions, %,d members, issued %,d, redeemed %,d, expired %,d, held %,d"
                        + " spendable and %,d pending%n",
                check.ok() ? "whole" : "NOT whole " + check.problems(),
                check.transactions(),
                check.members(),
                check.issued(),
                check.redeemed(),
                check.expired(),
                check.active(),
                check.pending());

        System.out.printf(
                Locale.ROOT,
                "earn_s=%.2f earn_ratio=%.2f nightly_s=%.2f nightly_ratio=%.2f redeem_per_s=%.0f redeem_ratio=%.2f"
                        + " redeem_p99_ms=%.1f overdrafts=%d duplicates=%d%n",
                earnS,
                earnS / earnReferenceS,
                nightlyS,
                nightlyS / nightlyReferenceS,
                api.perSecond(),
                api.perSecond() / bareRate,
                api.percentileMillis(99),
                overdrafts,
                duplicates);
        return check.ok() && overdrafts == 0 && duplicates == 0;
    }

    /**
     * N customers with K orders each, placed at random over the last 26 months: 3% refunded, 1% cancelled, 4% partly
     * and 0.5% fully returned (the return kept on the order, as an import nets it), the rest paid in full.
     */
    private long load(int members, int ordersPerMember, Instant now) {
        Instant signedUp = now.minus(Duration.ofDays(HISTORY_DAYS + 30));
        context.getBean(Customers.class).loadInBulk(sink -> {
            for (int i = 1; i <= members; i++) {
                sink.accept(new CustomerRecord(
                        i,
                        CustomerKind.PERSON,
                        "会员 " + i,
                        null,
                        null,
                        i % 2 == 0 ? "F" : "M",
                        null,
                        "上海",
                        "华东",
                        null,
                        null,
                        LifecycleStage.REPEAT,
                        "bench",
                        signedUp,
                        List.of(),
                        List.of()));
            }
        });
        var copy = context.getBean(PostgresCopy.class);
        long loaded = transactions.execute(tx -> copy.into(
                "orders",
                "id, customer_id, source, external_id, ordered_at, status, currency, amount, base_amount,"
                        + " returned_base_amount, created_at",
                rows -> {
                    var random = new Random(SEED);
                    long id = 0;
                    long historySeconds = HISTORY_DAYS * 86_400L;
                    for (int customer = 1; customer <= members; customer++) {
                        for (int k = 0; k < ordersPerMember; k++) {
                            id++;
                            Instant at = now.minusSeconds(1 + (long) (random.nextDouble() * historySeconds));
                            BigDecimal amount = BigDecimal.valueOf(2_000 + random.nextInt(78_000), 2);
                            int kind = random.nextInt(1_000);
                            String state = kind < 30 ? "REFUNDED" : kind < 40 ? "CANCELLED" : "PAID";
                            BigDecimal returned = kind >= 40 && kind < 80
                                    ? amount.multiply(BigDecimal.valueOf(5 + random.nextInt(90), 2))
                                            .setScale(2, RoundingMode.DOWN)
                                    : kind >= 80 && kind < 85 ? amount : BigDecimal.ZERO;
                            rows.row(id, customer, "shop", "S" + id, at, state, "CNY", amount, amount, returned, at);
                        }
                    }
                }));
        jdbc.sql("select setval(pg_get_serial_sequence('orders', 'id'), coalesce(max(id), 1)) from orders")
                .query(Long.class)
                .single();
        return loaded;
    }

    /**
     * The reference of the initial earning: each member's spendable and pending points computed from the orders by
     * one statement, written by hand from the rules — paid orders net of returns on or after the first day, times the
     * points per ¥1 rounded half up, plus the bonus on the customer's first paid order ever; pending for the pending
     * days after the order; gone after the end of the month twelve months on.
     */
    private long referenceBalances(LocalDate earnFrom, Instant now) {
        jdbc.sql("""
                        create table bench_reference_balances as
                        with paid as (
                            select o.customer_id, o.ordered_at, o.base_amount - o.returned_base_amount as net,
                                   row_number() over (partition by o.customer_id order by o.ordered_at, o.id) = 1
                                       as first_order
                            from orders o
                            where o.status = 'PAID' and o.base_amount > o.returned_base_amount
                        ), earned as (
                            select customer_id, ordered_at,
                                   round(net * :per_unit)::bigint + case when first_order then :bonus else 0 end
                                       as points,
                                   (date_trunc('month', (ordered_at at time zone :zone)::date)
                                    + make_interval(months => :months + 1) - interval '1 day')::date as last_day
                            from paid
                            where ordered_at >= (cast(:earn_from as date)::timestamp at time zone :zone)
                        )
                        select e.customer_id,
                               coalesce(sum(points) filter (where ordered_at + make_interval(days => :pending_days)
                                                                  <= cast(:now as timestamptz)), 0) as active,
                               coalesce(sum(points) filter (where ordered_at + make_interval(days => :pending_days)
                                                                  > cast(:now as timestamptz)), 0) as pending
                        from earned e join customers c on c.id = e.customer_id and c.merged_into is null
                        where last_day >= cast(:today as date)
                        group by e.customer_id""")
                .param("per_unit", POINTS_PER_UNIT)
                .param("bonus", FIRST_ORDER_BONUS)
                .param("zone", zone.getId())
                .param("months", EXPIRY_MONTHS)
                .param("pending_days", PENDING_DAYS)
                .param("earn_from", Date.valueOf(earnFrom))
                .param("now", Timestamp.from(now))
                .param("today", Date.valueOf(now.atZone(zone).toLocalDate()))
                .update();
        return count("select count(*) from bench_reference_balances");
    }

    /**
     * How long writing the rows the initial earning wrote takes by itself: each ledger table's rows copied into the
     * same table under negated customer ids (so no key clashes) in one statement per table, with the same indexes,
     * foreign keys and balance trigger, then rolled back. No earning can write its ledger faster than this. With {@code
     * withoutForeignKeys} the ledger tables' foreign keys are dropped first, in the same rolled-back transaction: what
     * checking them on every row costs.
     */
    private double ledgerWriteFloor(boolean withoutForeignKeys) {
        long[] started = {System.nanoTime()};
        transactions.executeWithoutResult(status -> {
            if (withoutForeignKeys) {
                jdbc.sql("""
                                select format('alter table %s drop constraint %I', conrelid::regclass, conname)
                                from pg_constraint
                                where contype = 'f' and conrelid::regclass::text like 'loyalty\\_%'""")
                        .query(String.class)
                        .list()
                        .forEach(drop -> jdbc.sql(drop).update());
                started[0] = System.nanoTime();
            }
            for (String copy : List.of("""
                    insert into loyalty_members (customer_id, active, pending, created_at, updated_at)
                    select -customer_id, active, pending, created_at, updated_at from loyalty_members""", """
                    insert into loyalty_transactions (customer_id, id, reason, idempotency_key, order_id, note, actor, at,
                                                      active_after, pending_after)
                    select -customer_id, id, reason, 'copy:' || idempotency_key, order_id, note, actor, at, active_after,
                           pending_after
                    from loyalty_transactions""", """
                    insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                    select 'copy:' || idempotency_key, -customer_id, transaction_id, created_at from loyalty_keys""", """
                    insert into loyalty_entries (customer_id, transaction_id, account, points)
                    select -customer_id, transaction_id, account, points from loyalty_entries""", """
                    insert into loyalty_lots (customer_id, id, state, order_id, rule_version, points, remaining, earned_on,
                                              available_at, expires_on)
                    select -customer_id, id, state, order_id, rule_version, points, remaining, earned_on, available_at,
                           expires_on
                    from loyalty_lots""", """
                    insert into loyalty_draws (customer_id, transaction_id, lot_id, points)
                    select -customer_id, transaction_id, lot_id, points from loyalty_draws""", """
                    insert into loyalty_order_points (customer_id, order_id, rule_version, points, transactions)
                    select -customer_id, order_id, rule_version, points, transactions from loyalty_order_points""")) {
                jdbc.sql(copy).update();
            }
            status.setRollbackOnly();
        });
        return seconds(started[0]);
    }

    /**
     * One customer in {@link #REFUNDED_AFTER_EARNING} has their latest paid order refunded, as an import would record
     * it: the refund path takes back exactly what those orders earned. Not one of the measured figures.
     */
    private void refundLatestOrders(Instant now) {
        long started = System.nanoTime();
        List<Long> customers = transactions.execute(status -> {
            List<Long> refunded = jdbc.sql("""
                            update orders o set status = 'REFUNDED' from (
                                select distinct on (customer_id) id from orders
                                where status = 'PAID' and customer_id % :every = 7
                                order by customer_id, ordered_at desc, id desc) latest
                            where o.id = latest.id
                            returning o.customer_id""")
                    .param("every", REFUNDED_AFTER_EARNING)
                    .query(Long.class)
                    .list();
            context.publishEvent(new OrdersRecorded(
                    refunded.size() > OrdersRecorded.MAX_LISTED ? List.of() : refunded,
                    refunded.size() > OrdersRecorded.MAX_LISTED));
            return refunded;
        });
        awaitEvents();
        System.out.printf(
                "refunds after the earning: %,d orders refunded, %,d REFUND transactions written in %.2f s%n",
                customers.size(),
                count("select count(*) from loyalty_transactions where reason = 'REFUND'"),
                seconds(started));
    }

    /** A hand-written statement of one rule of the nightly run; it returns how many members it covered. */
    record ReferenceStep(String name, String sql) {}

    /**
     * The nightly rules written by hand, in the order the run applies them, each one set-based statement over the lots
     * writing the same ledger rows (transaction, key, entries, draws) and the cached wallet; named parameters
     * {@code now} and {@code today}: activation, expiry and the reminders of points about to expire (with their events).
     * A further rule of the nightly run is one more step here.
     */
    static List<ReferenceStep> nightlySteps() {
        return List.of(
                new ReferenceStep("activation", """
                        with lots as (
                            update loyalty_lots set state = 'ACTIVE'
                            where state = 'PENDING' and remaining > 0 and available_at <= cast(:now as timestamptz)
                            returning customer_id, id, remaining
                        ), per_member as (
                            select g.*, nextval('loyalty_transaction_ids') as tx
                            from (select customer_id, sum(remaining) as points, max(id) as last_lot from lots
                                  group by customer_id) g
                        ), wallets as (
                            update loyalty_members m set active = m.active + p.points, pending = m.pending - p.points,
                                                         updated_at = cast(:now as timestamptz)
                            from per_member p where m.customer_id = p.customer_id
                            returning m.customer_id, m.active, m.pending
                        ), written as (
                            insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                              active_after, pending_after)
                            select p.customer_id, p.tx, 'ACTIVATION', 'activation:' || p.customer_id || ':' || p.last_lot,
                                   'system', cast(:now as timestamptz), w.active, w.pending
                            from per_member p join wallets w using (customer_id)
                        ), keys as (
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            select 'activation:' || customer_id || ':' || last_lot, customer_id, tx,
                                   cast(:now as timestamptz)
                            from per_member
                        ), entries as (
                            insert into loyalty_entries (customer_id, transaction_id, account, points)
                            select customer_id, tx, e.account, e.change
                            from per_member, lateral (values ('PENDING', -points), ('ACTIVE', points)) e (account, change)
                        )
                        select count(*) from per_member"""),
                new ReferenceStep("expiry", """
                        with lots as (
                            select customer_id, id, state, remaining from loyalty_lots
                            where remaining > 0 and expires_on < cast(:today as date)
                        ), drained as (
                            update loyalty_lots l set remaining = 0 from lots
                            where l.customer_id = lots.customer_id and l.id = lots.id
                        ), per_member as (
                            select g.*, nextval('loyalty_transaction_ids') as tx
                            from (select customer_id,
                                         coalesce(sum(remaining) filter (where state = 'ACTIVE'), 0) as active,
                                         coalesce(sum(remaining) filter (where state = 'PENDING'), 0) as pending,
                                         max(id) as last_lot
                                  from lots group by customer_id) g
                        ), wallets as (
                            update loyalty_members m set active = m.active - p.active, pending = m.pending - p.pending,
                                                         updated_at = cast(:now as timestamptz)
                            from per_member p where m.customer_id = p.customer_id
                            returning m.customer_id, m.active, m.pending
                        ), written as (
                            insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                              active_after, pending_after)
                            select p.customer_id, p.tx, 'EXPIRY', 'expiry:' || p.customer_id || ':' || p.last_lot,
                                   'system', cast(:now as timestamptz), w.active, w.pending
                            from per_member p join wallets w using (customer_id)
                        ), keys as (
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            select 'expiry:' || customer_id || ':' || last_lot, customer_id, tx, cast(:now as timestamptz)
                            from per_member
                        ), entries as (
                            insert into loyalty_entries (customer_id, transaction_id, account, points)
                            select customer_id, tx, e.account, e.change
                            from per_member, lateral (values ('ACTIVE', -active), ('PENDING', -pending),
                                                             ('EXPIRED', active + pending)) e (account, change)
                            where e.change <> 0
                        ), draws as (
                            insert into loyalty_draws (customer_id, transaction_id, lot_id, points)
                            select l.customer_id, p.tx, l.id, l.remaining from lots l join per_member p using (customer_id)
                        )
                        select count(*) from per_member"""),
                new ReferenceStep("reminders", """
                        with due as (
                            insert into loyalty_expiry_reminders (customer_id, expires_on, points, reminded_at)
                            select customer_id, expires_on, sum(remaining), cast(:now as timestamptz) from loyalty_lots
                            where state = 'ACTIVE' and remaining > 0
                              and expires_on between cast(:today as date) and cast(:today as date) + 30
                            group by customer_id, expires_on
                            on conflict (customer_id, expires_on) do nothing
                            returning customer_id, expires_on, points
                        ), recorded as (
                            insert into events (customer_id, type, occurred_at, properties)
                            select customer_id, 'points_expiring', cast(:now as timestamptz),
                                   jsonb_build_object('points', points::text, 'expires_on', expires_on::text)
                            from due
                        )
                        select count(*) from due"""));
    }

    /** One redemption request; {@code resent} when it repeats an earlier request's key and body. */
    record Request(long customerId, String key, long points, boolean resent) {}

    /** The answers of the API run. */
    record Redemptions(
            List<Request> requests, double perSecond, long[] nanos, int resent, int refused, int appliedTwice) {

        double percentileMillis(int percentile) {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)] / 1e6;
        }
    }

    /**
     * Redemptions at {@link #CLIENTS} concurrent clients through {@code POST /api/v1/loyalty/members/{id}/redemptions}
     * with an API key, spread over members who had no refund (so no balance may go below zero), one request in ten
     * resending an earlier request's key and body. A warm-up on other members comes first and is not counted.
     */
    private Redemptions redeemThroughApi(int count) throws Exception {
        jdbc.sql("""
                        create table bench_redeeming as
                        select m.customer_id, m.active from loyalty_members m
                        where m.active >= 100
                          and not exists (select 1 from orders o where o.customer_id = m.customer_id
                                          and (o.status <> 'PAID' or o.returned_base_amount > 0))
                        order by hashint8(m.customer_id), m.customer_id
                        limit :limit""").param("limit", REDEEMING_MEMBERS * 2).update();
        List<Long> everyone = jdbc.sql("select customer_id from bench_redeeming order by hashint8(customer_id)")
                .query(Long.class)
                .list();
        if (everyone.size() < 20) {
            throw new IllegalStateException("only " + everyone.size() + " members to redeem for: load more members");
        }
        List<Long> measured = everyone.subList(0, everyone.size() / 2);
        List<Long> warmUp = everyone.subList(everyone.size() / 2, everyone.size());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String token = context.getBean(ApiKeys.class)
                .create("bench checkout", Set.of(Role.SALES))
                .token();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://localhost:" + port + "/api/v1/loyalty/members/";
        send(http, base, token, requests(warmUp, WARM_UP_REQUESTS, "bench-warm-", 0, 1, 5));
        // one client alone: what a redemption costs without waiting for others
        List<Request> alone = requests(warmUp, 300, "bench-alone-", 0, 1, 5);
        long[] aloneNanos = new long[alone.size()];
        var aloneSamples = ActiveStatements.startIf(jdbc);
        long aloneStarted = System.nanoTime();
        for (int i = 0; i < alone.size(); i++) {
            aloneNanos[i] = redeem(http, base, token, alone.get(i)).nanos();
        }
        double aloneSeconds = seconds(aloneStarted);
        ActiveStatements.stopAndPrint(aloneSamples, "one client alone");
        var single = new Redemptions(alone, alone.size() / aloneSeconds, aloneNanos, 0, 0, 0);
        System.out.printf(
                "one client alone: %,d redemptions, %.0f/s, p50 %.1f ms%n",
                alone.size(), single.perSecond(), single.percentileMillis(50));
        List<Request> requests = requests(measured, count, "bench-", 10, 10, 60);
        long[] nanos = new long[requests.size()];
        int[] statuses = new int[requests.size()];
        long[] transactionIds = new long[requests.size()];
        boolean[] replayed = new boolean[requests.size()];
        var samples = ActiveStatements.startIf(jdbc);
        double seconds = send(http, base, token, requests, nanos, statuses, transactionIds, replayed);
        ActiveStatements.stopAndPrint(samples, "redemptions through the API");
        int refused = 0;
        int resent = 0;
        Map<String, Long> applied = new LinkedHashMap<>();
        int appliedTwice = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).resent()) {
                resent++;
            }
            if (statuses[i] == 409) {
                refused++;
            } else if (statuses[i] == 201) {
                Long first = applied.putIfAbsent(requests.get(i).key(), transactionIds[i]);
                // the same key answered by two different transactions, or twice without being a replay
                if (first != null && (first != transactionIds[i] || !replayed[i])) {
                    appliedTwice++;
                }
            } else {
                throw new IllegalStateException("redemption " + requests.get(i) + " answered " + statuses[i]);
            }
        }
        return new Redemptions(requests, requests.size() / seconds, nanos, resent, refused, appliedTwice);
    }

    /**
     * {@code count} requests over the members, dealt to the clients in turn; after the first {@code resendAfter},
     * one in ten resends an earlier request of the same client, whose answer it has had.
     */
    private static List<Request> requests(
            List<Long> members, int count, String prefix, int resendAfter, int minPoints, int maxPoints) {
        var random = new Random(SEED + count);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i >= resendAfter * CLIENTS && resendAfter > 0 && random.nextInt(10) == 0) {
                int earlier = i - CLIENTS * (1 + random.nextInt(i / CLIENTS));
                Request first = requests.get(earlier);
                requests.add(new Request(first.customerId(), first.key(), first.points(), true));
            } else {
                long member = members.get(random.nextInt(members.size()));
                long points = minPoints + random.nextInt(maxPoints - minPoints + 1);
                requests.add(new Request(member, prefix + i, points, false));
            }
        }
        return requests;
    }

    private static void send(HttpClient http, String base, String token, List<Request> requests) throws Exception {
        int n = requests.size();
        send(http, base, token, requests, new long[n], new int[n], new long[n], new boolean[n]);
    }

    /** Sends the requests, each client its own in order, all clients at once; returns the seconds it took. */
    private static double send(
            HttpClient http,
            String base,
            String token,
            List<Request> requests,
            long[] nanos,
            int[] statuses,
            long[] transactionIds,
            boolean[] replayed)
            throws Exception {
        return atOnce(client -> {
            for (int i = client; i < requests.size(); i += CLIENTS) {
                Answer answer = redeem(http, base, token, requests.get(i));
                nanos[i] = answer.nanos();
                statuses[i] = answer.status();
                replayed[i] = answer.replayed();
                transactionIds[i] = answer.transactionId();
            }
        });
    }

    /** What the API answered to a redemption, and how long it took. */
    record Answer(long nanos, int status, boolean replayed, long transactionId) {}

    private static Answer redeem(HttpClient http, String base, String token, Request request) throws Exception {
        long t = System.nanoTime();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + request.customerId() + "/redemptions"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"idempotencyKey\":\"%s\",\"points\":%d,\"note\":\"bench\"}"
                                        .formatted(request.key(), request.points())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t;
        Matcher id = TRANSACTION_ID.matcher(response.body());
        return new Answer(
                nanos,
                response.statusCode(),
                response.headers().firstValue("Idempotent-Replayed").isPresent(),
                id.find() ? Long.parseLong(id.group(1)) : -1);
    }

    /**
     * The reference of the redemptions: the same requests as a bare conditional {@code UPDATE} of a balance row in a
     * scratch table holding the same members' balances, at the same concurrency, one JDBC connection per client.
     * Returns updates per second.
     */
    private double bareUpdates(List<Request> requests) throws Exception {
        jdbc.sql("""
                        create table bench_balances as
                        select customer_id, active as balance from bench_redeeming""").update();
        jdbc.sql("alter table bench_balances add primary key (customer_id)").update();
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            connections.add(DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
        }
        try {
            ClientWork updates = client -> {
                try (PreparedStatement update = connections
                        .get(client)
                        .prepareStatement(
                                "update bench_balances set balance = balance - ? where customer_id = ? and balance >= ?")) {
                    for (int i = client; i < requests.size(); i += CLIENTS) {
                        Request request = requests.get(i);
                        update.setLong(1, request.points());
                        update.setLong(2, request.customerId());
                        update.setLong(3, request.points());
                        update.executeUpdate();
                    }
                }
            };
            atOnce(updates); // warm-up, not counted
            jdbc.sql("update bench_balances b set balance = r.active from bench_redeeming r"
                            + " where r.customer_id = b.customer_id")
                    .update();
            double seconds = atOnce(updates);
            double rate = requests.size() / seconds;
            System.out.printf(
                    "bare conditional UPDATE: %,d updates from %d connections in %.2f s, %.0f/s%n",
                    requests.size(), CLIENTS, seconds, rate);
            return rate;
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** What one client does. */
    interface ClientWork {
        void run(int client) throws Exception;
    }

    /** Runs the clients' work at once, one thread each; returns the seconds until the last one finished. */
    private static double atOnce(ClientWork work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            var ready = new CountDownLatch(CLIENTS);
            var go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                done.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    work.run(c);
                    return null;
                }));
            }
            ready.await();
            long started = System.nanoTime();
            go.countDown();
            for (Future<?> one : done) {
                one.get();
            }
            return seconds(started);
        } finally {
            threads.shutdown();
        }
    }

    /** Waits until every listener of the events published so far has finished; fails on a failed one. */
    private void awaitEvents() {
        while (pendingEvents.any()) {
            LockSupport.parkNanos(20_000_000);
        }
        long failed = count("select count(*) from event_publication where status = 'FAILED'");
        if (failed > 0) {
            throw new IllegalStateException(failed + " event listeners failed; see the log");
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void vacuumAnalyze(String... tables) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : tables) {
                statement.execute("vacuum analyze " + table);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

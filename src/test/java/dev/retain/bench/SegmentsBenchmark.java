package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.bench.SegmentEntryLatency.Customer;
import dev.retain.bench.SegmentRules.Rule;
import dev.retain.demo.DemoDataset;
import dev.retain.platform.CompanyZone;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import dev.retain.segments.FullRecompute;
import dev.retain.segments.RfmRun;
import dev.retain.segments.RfmScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Segments on the demo company: the nightly full recompute (RFM and 20 rules of mixed kinds, see {@link SegmentRules})
 * against a hand-written SQL statement per rule and for RFM on the same database in the same run, each rule's members
 * checked against its hand-written statement; then the real-time path under 500 orders/s: from an order's arrival
 * (recorded by the bulk ingest) to the customer's segment entry committed — {@code realtime_p99_ms} — with the time
 * from sending the order printed too. Run by {@code bench/segments}; prints figures and, last, one line of key=value pairs. Exits 1 when any
 * member set differs from its reference or an entry was not seen.
 */
public final class SegmentsBenchmark {

    private static final long SEED = 20_261_123L;
    private static final int ORDERS_PER_BATCH = 25;
    private static final long BATCH_INTERVAL_MILLIS = 50;
    private static final int REALTIME_SECONDS = 25;
    private static final long WARM_UP_MILLIS = 3_000;

    /** A rule as created, and what its first evaluation took. */
    private record Created(Rule rule, Audience audience, double firstSeconds) {}

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-segments")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        // The nightly run must not start in the middle of the measurements.
                        "retain.segments.recompute-cron=-",
                        "logging.level.root=WARN")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        List<String> failures;
        try {
            failures = run(context, customers);
        } finally {
            context.close();
        }
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    private static List<String> run(ConfigurableApplicationContext context, int customers) throws Exception {
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        DataSource dataSource = context.getBean(DataSource.class);
        var failures = new ArrayList<String>();

        long started = System.nanoTime();
        var loaded = context.getBean(DemoDataset.class).load(SEED, customers, LocalDate.now(zone), zone);
        System.out.printf(
                "generated and loaded %,d customers, %,d orders, %,d events in %.1f s%n",
                loaded.customers(), loaded.orders(), loaded.events(), seconds(started));
        vacuumAnalyze(dataSource, "after the load");

        started = System.nanoTime();
        RfmRun firstRfm = context.getBean(RfmScores.class).score();
        System.out.printf("first RFM scoring: %,d customers in %.2f s%n", firstRfm.customers(), seconds(started));
        List<Created> rules = createRules(context);
        System.out.printf(
                "first evaluation, each rule as it was created: %.2f s for %d rules%n",
                rules.stream().mapToDouble(Created::firstSeconds).sum(), rules.size());
        vacuumAnalyze(dataSource, "after the first evaluation, as autovacuum would have by the nightly run");

        FullRecompute.Result recompute = context.getBean(FullRecompute.class).run();
        double totalSeconds = recompute.millis() / 1e3;
        System.out.printf(
                "steady-state full recompute: %.2f s = RFM %.2f s (%,d customers) + %d rules %.2f s; %,d membership"
                        + " changes%n",
                totalSeconds,
                recompute.rfm().millis() / 1e3,
                recompute.rfm().customers(),
                rules.size(),
                (recompute.millis() - recompute.rfm().millis()) / 1e3,
                recompute.membershipChanges());

        Instant evaluatedAt = jdbc.sql("select max(evaluated_at) from audiences")
                .query(Timestamp.class)
                .single()
                .toInstant();
        double referenceSeconds;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            referenceSeconds = reference(connection, rules, recompute.rfm().asOf(), evaluatedAt, zone, failures);
        }
        System.out.printf(
                "hand-written SQL: %.2f s; recompute / hand-written = %.2f%n",
                referenceSeconds, totalSeconds / referenceSeconds);

        var latency = realtime(context, jdbc, zone, rules, failures);
        failures.forEach(failure -> System.out.println("FAILED: " + failure));
        System.out.println(String.format(
                Locale.ROOT,
                "total_s=%.2f reference_s=%.2f ratio_to_reference=%.2f realtime_p99_ms=%.0f",
                totalSeconds,
                referenceSeconds,
                totalSeconds / referenceSeconds,
                latency.fromRecorded().p99()));
        return failures;
    }

    private static List<Created> createRules(ConfigurableApplicationContext context) {
        var audiences = context.getBean(Audiences.class);
        var json = context.getBean(ObjectMapper.class);
        var created = new ArrayList<Created>();
        for (Rule rule : SegmentRules.ALL) {
            long started = System.nanoTime();
            Audience audience = rule.template() != null
                    ? audiences.createFromTemplate(rule.template())
                    : audiences.create(
                            rule.kind(),
                            new AudienceDraft(
                                    rule.name(),
                                    null,
                                    AudienceMode.DYNAMIC,
                                    json.readTree(rule.condition()),
                                    true,
                                    null));
            created.add(new Created(rule, audience, seconds(started)));
        }
        return created;
    }

    /**
     * Runs the hand-written RFM and rule statements, each into a temporary table, and returns their time; then compares
     * every result with what the recompute stored, adding a failure per difference.
     */
    private static double reference(
            Connection connection,
            List<Created> rules,
            Instant rfmAsOf,
            Instant evaluatedAt,
            ZoneId zone,
            List<String> failures)
            throws SQLException {
        LocalDate today = LocalDate.ofInstant(evaluatedAt, zone);
        double rfmSeconds = timed(
                connection,
                SegmentRules.withTime(SegmentRules.REFERENCE_RFM, rfmAsOf, LocalDate.ofInstant(rfmAsOf, zone)));
        var ruleSeconds = new ArrayList<Double>();
        for (Created created : rules) {
            ruleSeconds.add(timed(
                    connection,
                    "create temp table " + created.rule().referenceTable() + " (customer_id) as "
                            + SegmentRules.withTime(created.rule().reference(), evaluatedAt, today)));
        }

        long rfmDiffering = count(connection, """
                select count(*) from (
                    (select customer_id, r, f, m, segment, value_cell from ref_rfm
                     except select customer_id, r, f, m, segment, value_cell from rfm_scores)
                    union all
                    (select customer_id, r, f, m, segment, value_cell from rfm_scores
                     except select customer_id, r, f, m, segment, value_cell from ref_rfm)) differing""");
        System.out.printf("hand-written RFM: %.2f s, %,d rows differ from rfm_scores%n", rfmSeconds, rfmDiffering);
        if (rfmDiffering > 0) {
            failures.add("RFM: " + rfmDiffering + " rows differ from the hand-written scoring");
        }
        System.out.printf(
                "%-22s %-7s %-36s %9s %9s %9s %s%n",
                "rule",
                "kind",
                "name",
                "members",
                "first_ms",
                "ref_ms",
                "differing (only in audience / only in reference)");
        for (int i = 0; i < rules.size(); i++) {
            Created created = rules.get(i);
            long id = created.audience().id();
            String table = created.rule().referenceTable();
            long members = count(connection, "select count(*) from audience_members where audience_id = " + id);
            List<Long> onlyInAudience = ids(
                    connection,
                    "select customer_id from audience_members where audience_id = " + id
                            + " except select customer_id from " + table + " order by 1");
            List<Long> onlyInReference = ids(
                    connection,
                    "select customer_id from " + table + " except select customer_id from audience_members"
                            + " where audience_id = " + id + " order by 1");
            System.out.printf(
                    "%-22s %-7s %-36s %,9d %9.0f %9.0f %d (%d / %d)%n",
                    created.rule().key(),
                    created.audience().kind(),
                    created.audience().name(),
                    members,
                    created.firstSeconds() * 1e3,
                    ruleSeconds.get(i) * 1e3,
                    onlyInAudience.size() + onlyInReference.size(),
                    onlyInAudience.size(),
                    onlyInReference.size());
            if (!onlyInAudience.isEmpty() || !onlyInReference.isEmpty()) {
                failures.add("rule " + created.rule().key() + ": only in the audience "
                        + onlyInAudience.subList(0, Math.min(5, onlyInAudience.size())) + " of "
                        + onlyInAudience.size() + ", only in the reference "
                        + onlyInReference.subList(0, Math.min(5, onlyInReference.size())) + " of "
                        + onlyInReference.size());
            }
        }
        return rfmSeconds
                + ruleSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Orders for dormant customers at 500/s, each timed until the customer enters a segment of recent buyers. */
    private static SegmentEntryLatency.Figures realtime(
            ConfigurableApplicationContext context,
            JdbcClient jdbc,
            ZoneId zone,
            List<Created> rules,
            List<String> failures)
            throws Exception {
        long dormantTag = rules.stream()
                .filter(created -> "dormant".equals(created.rule().key()))
                .findFirst()
                .orElseThrow()
                .audience()
                .id();
        int wanted = (int) (REALTIME_SECONDS * 1000 / BATCH_INTERVAL_MILLIS * ORDERS_PER_BATCH);
        List<Customer> dormant = jdbc.sql("""
                        select distinct on (i.customer_id) i.customer_id, i.value
                        from customer_identities i join audience_members m on m.customer_id = i.customer_id
                        where i.kind = 'phone' and m.audience_id = ? order by i.customer_id limit ?""")
                .params(dormantTag, wanted)
                .query((rs, row) -> new Customer(rs.getLong(1), rs.getString(2)))
                .list();
        Audience recentBuyers = context.getBean(Audiences.class)
                .create(
                        AudienceKind.SEGMENT,
                        new AudienceDraft(
                                "Ordered in the last 24 hours",
                                null,
                                AudienceMode.DYNAMIC,
                                context.getBean(ObjectMapper.class).readTree("""
                                        {"field": "orders.count", "op": "gte", "value": 1, "params": {"within_days": 1}}"""),
                                true,
                                null));
        var figures = new SegmentEntryLatency(context, zone)
                .measure(recentBuyers.id(), dormant, ORDERS_PER_BATCH, BATCH_INTERVAL_MILLIS, WARM_UP_MILLIS);
        System.out.printf(
                "real time: %,d orders for dormant customers (%,d rejected) sent in %.1f s (%.0f orders/s), %,d segment"
                        + " entries seen; the first %,d (%d s) warm up and are left out of the figures%n",
                figures.sent(),
                figures.rejected(),
                figures.sendSeconds(),
                figures.sent() / figures.sendSeconds(),
                figures.observed(),
                figures.warmUp(),
                WARM_UP_MILLIS / 1000);
        System.out.println("  order recorded -> segment entry committed: " + figures.fromRecorded());
        System.out.println("  order sent -> segment entry committed:   " + figures.entry());
        System.out.println("  order sent -> its evaluation started:    " + figures.untilEvaluation());
        System.out.println("  evaluation started -> committed:         " + figures.evaluation());
        System.out.println("  bulk ingest call of " + ORDERS_PER_BATCH + " orders:           " + figures.ingest());
        if (figures.rejected() > 0 || figures.observed() < figures.sent()) {
            failures.add("real time: " + figures.rejected() + " orders rejected; "
                    + (figures.sent() - figures.observed()) + " of " + figures.sent()
                    + " entries not seen within 120 s of the last order");
        }
        return figures;
    }

    private static void vacuumAnalyze(DataSource dataSource, String when) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            System.out.printf("vacuum analyze %s: %.1f s%n", when, timed(connection, "vacuum analyze"));
        }
    }

    private static double timed(Connection connection, String sql) throws SQLException {
        long started = System.nanoTime();
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return seconds(started);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Long> ids(Connection connection, String sql) throws SQLException {
        var ids = new ArrayList<Long>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

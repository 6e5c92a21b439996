package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.ServerProcess;
import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.demo.DemoDataset;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.journeys.Enrolments;
import dev.retain.journeys.Journeys;
import dev.retain.messaging.Channel;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import dev.retain.platform.CompanyZone;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Journeys under load, with the workers in separate server processes on one embedded PostgreSQL and a local SMTP
 * server, as a deployment with more than one instance runs them. This process loads the demo company and plays the
 * part of the API and the ingest (it runs no workers); instances A and B run the journey and messaging workers.
 *
 * <ol>
 *   <li>Throughput: N enrolments through email → wait 1 minute → branch (a condition on the customer's orders) →
 *       coupon → email, worked by instance A alone; steps per second while there was work, from the journey history.
 *   <li>Latency: orders arrive through the bulk ingest at a fixed rate; each customer's order triggers a journey whose
 *       first node sends an email; the time from the order sent to that email's arrival at the SMTP server.
 *   <li>Two instances: more enrolments worked by A and B together; B is killed with SIGKILL mid-run and started
 *       again. Every message is then counted at the SMTP server by its Message-ID (derived from the step's
 *       idempotency key) and every enrolment's steps in the history.
 * </ol>
 *
 * Run by {@code bench/journeys}; the last line is key=value pairs.
 */
public final class JourneysBenchmark {

    private static final long SEED = 20_261_204L;
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The throughput journey's nodes that are steps: email, wait, branch, coupon, email. */
    private static final int STEPS_PER_ENROLMENT = 5;

    private final ConfigurableApplicationContext context;
    private final JdbcClient jdbc;
    private final SmtpSink smtp;
    private final boolean statements;

    private JourneysBenchmark(ConfigurableApplicationContext context, SmtpSink smtp, boolean statements) {
        this.context = context;
        this.statements = statements;
        this.jdbc = context.getBean(JdbcClient.class);
        this.smtp = smtp;
    }

    public static void main(String[] args) throws Exception {
        int enrolments = option(args, "--enrolments", 100_000);
        int ordersPerSecond = option(args, "--orders-per-second", 200);
        int orderSeconds = option(args, "--order-seconds", 30);
        int shared = option(args, "--shared-enrolments", 20_000);
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-journeys")));
        // -Dbench.statements=true: print the statements that took the database's time in the throughput run
        boolean statements = Boolean.getBoolean("bench.statements");
        try (var smtp = new SmtpSink();
                var postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", statements ? "pg_stat_statements" : "")
                        .setDataDirectory(work.resolve("pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("max_wal_size", "2GB")
                        .setServerConfig("timezone", "UTC")
                        .setServerConfig("autovacuum_naptime", "10s")
                        .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            // command-line arguments, so they win over application.properties
            var context = new SpringApplicationBuilder(RetainApplication.class)
                    .run(withQuietSchedules(
                            "--server.port=0",
                            "--retain.db.url=" + url,
                            "--retain.db.password=unused",
                            "--retain.data-dir=" + work.resolve("loader"),
                            "--retain.journeys.worker.enabled=false",
                            "--retain.messaging.worker.enabled=false",
                            "--logging.level.root=WARN"));
            List<String> workerSettings = List.of(withQuietSchedules(
                    // a killed instance's claimed sends are put in doubt once this lease runs out
                    "--retain.messaging.worker.lease=20s",
                    // the same installation: the loader's personal-data keys
                    ServerProcess.KEY_FILE
                            + work.resolve("loader/keys/personal-data.keys").toAbsolutePath()));
            // the benchmark's own server trusts local connections: any password will do
            var a = new ServerProcess("instance-a", work, url, "postgres", "unused", smtp.port(), workerSettings);
            var b = new ServerProcess("instance-b", work, url, "postgres", "unused", smtp.port(), workerSettings);
            try (a;
                    b) {
                if (statements) {
                    context.getBean(JdbcClient.class)
                            .sql("create extension pg_stat_statements")
                            .update();
                }
                new JourneysBenchmark(context, smtp, statements)
                        .run(a, b, enrolments, ordersPerSecond, orderSeconds, shared);
            } finally {
                context.close();
            }
        }
    }

    private void run(
            ServerProcess a, ServerProcess b, int enrolments, int ordersPerSecond, int orderSeconds, int shared)
            throws Exception {
        int orders = ordersPerSecond * orderSeconds;
        List<Recipient> recipients = demoCustomers(enrolments + orders + shared);
        long pipeline = pipelineJourney();
        long onOrder = orderJourney();

        long started = System.nanoTime();
        a.start();
        System.out.printf("%s started in %.1f s%n", a.name(), seconds(started));

        // 1. throughput, one instance
        var first = recipients.subList(0, enrolments);
        if (statements) {
            jdbc.sql("select pg_stat_statements_reset()").query(rs -> {});
        }
        started = System.nanoTime();
        enrol(pipeline, first);
        System.out.printf("enrolled %,d in %.1f s%n", enrolments, seconds(started));
        awaitDone(pipeline, enrolments, Duration.ofMinutes(40));
        Throughput throughput = throughput(pipeline);
        if (statements) {
            printStatements();
        }
        System.out.printf(
                "throughput: %,d steps in %.1f s (%d s with steps due), %.0f steps/s; %,d emails handed to SMTP in %.1f s,"
                        + " %.0f emails/s%n",
                throughput.steps(),
                throughput.elapsedSeconds(),
                throughput.busySeconds(),
                throughput.stepsPerSecond(),
                throughput.emails(),
                throughput.emailSeconds(),
                throughput.emails() / throughput.emailSeconds());

        // 2. latency from an order to its email, one instance
        var buyers = recipients.subList(enrolments, enrolments + orders);
        var latency = orderToEmail(buyers, ordersPerSecond);
        System.out.printf(
                "order → email at %d orders/s for %d s: %s; %d of %d arrived%n",
                ordersPerSecond, orderSeconds, latency.spread(), latency.arrived(), buyers.size());

        // 3. two instances, one killed mid-run
        started = System.nanoTime();
        b.start();
        System.out.printf("%s started in %.1f s%n", b.name(), seconds(started));
        int receivedBefore = smtp.count();
        var sharedRecipients = recipients.subList(enrolments + orders, recipients.size());
        enrol(pipeline, sharedRecipients);
        long stepsBefore = throughput.steps();
        long killAt = stepsBefore + (long) shared * STEPS_PER_ENROLMENT * 2 / 5;
        await(() -> steps(pipeline) >= killAt, Duration.ofMinutes(20));
        b.kill();
        System.out.printf(
                "%s killed (SIGKILL) with %,d of %,d steps done%n",
                b.name(), steps(pipeline) - stepsBefore, (long) shared * STEPS_PER_ENROLMENT);
        started = System.nanoTime();
        b.start();
        System.out.printf("%s started again in %.1f s%n", b.name(), seconds(started));
        awaitDone(pipeline, enrolments + shared, Duration.ofMinutes(20));
        // a send the killed instance had claimed is put in doubt once its lease ran out: wait for that to settle
        await(() -> unsettledSends() == 0, Duration.ofMinutes(3));
        Map<String, Long> bySender = smtp.received().stream()
                .skip(receivedBefore)
                .collect(Collectors.groupingBy(SmtpSink.Received::sender, Collectors.counting()));
        System.out.println("emails per instance while both ran: " + bySender);

        Outcome outcome = outcome(pipeline, onOrder, enrolments + shared, orders);
        System.out.printf(
                "deliveries: %,d sent (%d of them never arrived), %,d in doubt (claimed by the killed instance; %d of"
                        + " them did arrive), %,d other; SMTP received %,d messages, %,d distinct%n",
                outcome.sent(),
                outcome.sentNotArrived(),
                outcome.inDoubt(),
                outcome.inDoubtArrived(),
                outcome.otherDeliveries(),
                outcome.received(),
                outcome.distinct());
        System.out.printf(
                "steps_per_s=%.0f trigger_to_smtp_p99_ms=%.0f duplicate_sends=%d lost_steps=%d%n",
                throughput.stepsPerSecond(),
                latency.spread().p99(),
                outcome.received() - outcome.distinct(),
                outcome.lostSteps());
    }

    /** A demo customer with an email address and the phone number an order names them by. */
    private record Recipient(long id, String email, String phone) {}

    private List<Recipient> demoCustomers(int needed) {
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        long started = System.nanoTime();
        // about half the demo customers have an email address and a phone
        var loaded = context.getBean(DemoDataset.class).load(SEED, needed * 2 + 1000, LocalDate.now(zone), zone);
        System.out.printf(
                "demo company: %,d customers, %,d orders loaded in %.1f s%n",
                loaded.customers(), loaded.orders(), seconds(started));
        jdbc.sql("vacuum analyze").update();
        List<Recipient> recipients = jdbc.sql("""
                        select id, email, phone from customer_profiles_view
                        where email is not null and phone is not null order by id limit ?""")
                .param(needed)
                .query((rs, row) -> new Recipient(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
        if (recipients.size() < needed) {
            throw new IllegalStateException("only " + recipients.size() + " demo customers with email and phone");
        }
        return recipients;
    }

    private long pipelineJourney() {
        var templates = context.getBean(Templates.class);
        long hello = templates
                .create(new TemplateDraft(
                        "Bench hello",
                        Channel.EMAIL,
                        "zh-CN",
                        "{{customer.firstName | default: \"顾客\"}}，您好",
                        "感谢您的支持。\n退订：{{unsubscribe_url}}"))
                .id();
        long offer = templates
                .create(new TemplateDraft(
                        "Bench offer",
                        Channel.EMAIL,
                        "zh-CN",
                        "送您一张优惠券",
                        "优惠券 {{coupon.code}}（{{coupon.description}}）。\n退订：{{unsubscribe_url}}"))
                .id();
        long campaign = context.getBean(CouponCampaigns.class)
                .create(new CampaignDraft(
                        "Bench coupon",
                        "满100减20",
                        CampaignKind.FIXED,
                        new BigDecimal("20"),
                        null,
                        null,
                        new BigDecimal("100"),
                        null,
                        null,
                        30,
                        null,
                        1,
                        null))
                .id();
        return activeJourney("Bench pipeline", """
                {"trigger": {"type": "api"}, "entryLimit": {"rule": "once"}, "start": "hello",
                 "nodes": {
                   "hello": {"type": "send_email", "params": {"templateId": %d}, "next": "pause"},
                   "pause": {"type": "wait", "params": {"minutes": 1}, "next": "check"},
                   "check": {"type": "branch", "params": {"condition": {"field": "orders.count", "op": "gte", "value": 2}},
                             "branches": {"yes": "give", "no": "give"}},
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "offer"},
                   "offer": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(hello, campaign, offer));
    }

    private long orderJourney() {
        long thanks = context.getBean(Templates.class)
                .create(new TemplateDraft(
                        "Bench thanks",
                        Channel.EMAIL,
                        "zh-CN",
                        "订单已收到",
                        "{{customer.firstName | default: \"顾客\"}}，谢谢您的订单。\n退订：{{unsubscribe_url}}"))
                .id();
        return activeJourney("Bench order thanks", """
                {"trigger": {"type": "order_placed"}, "entryLimit": {"rule": "once"}, "start": "thank",
                 "nodes": {
                   "thank": {"type": "send_email", "params": {"templateId": %d, "marketing": false}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(thanks));
    }

    private long activeJourney(String name, String graph) {
        var journeys = context.getBean(Journeys.class);
        var journey =
                journeys.create(name, null, context.getBean(ObjectMapper.class).readTree(graph), "bench");
        return journeys.setStatus(journey.id(), "ACTIVE").id();
    }

    private void enrol(long journey, List<Recipient> recipients) {
        var enrolments = context.getBean(Enrolments.class);
        for (int from = 0; from < recipients.size(); from += 10_000) {
            List<Long> ids = recipients.subList(from, Math.min(from + 10_000, recipients.size())).stream()
                    .map(Recipient::id)
                    .toList();
            enrolments.enrol(journey, ids, "api");
        }
    }

    private void awaitDone(long journey, int enrolled, Duration limit) throws InterruptedException {
        await(
                () -> jdbc.sql("select count(*) from journey_enrolments where journey_id = ? and status = 'COMPLETED'")
                                        .param(journey)
                                        .query(Long.class)
                                        .single()
                                >= enrolled
                        && unsettledSends() == 0,
                limit);
    }

    private long unsettledSends() {
        return jdbc.sql("""
                        select count(*) from message_deliveries
                        where status in ('QUEUED', 'DEFERRED', 'RETRYING', 'SENDING')""").query(Long.class).single();
    }

    private long steps(long journey) {
        return jdbc.sql("""
                        select count(*) from journey_history
                        where journey_id = ? and event in ('ACTED', 'WAITING', 'BRANCH')""").param(journey).query(Long.class).single();
    }

    private record Throughput(long steps, double elapsedSeconds, long busySeconds, long emails, double emailSeconds) {

        double stepsPerSecond() {
            return steps / (double) busySeconds;
        }
    }

    private Throughput throughput(long journey) {
        var steps = jdbc.sql("""
                        select count(*), extract(epoch from max(at) - min(at)),
                               count(distinct date_trunc('second', at))
                        from journey_history where journey_id = ? and event in ('ACTED', 'WAITING', 'BRANCH')""")
                .param(journey)
                .query((rs, row) -> new long[] {rs.getLong(1), Math.round(rs.getDouble(2) * 1000), rs.getLong(3)})
                .single();
        List<SmtpSink.Received> received = smtp.received();
        double emailSeconds =
                (received.get(received.size() - 1).nanos() - received.get(0).nanos()) / 1e9;
        return new Throughput(steps[0], steps[1] / 1000.0, steps[2], received.size(), emailSeconds);
    }

    private void printStatements() {
        jdbc.sql("""
                        select round(total_exec_time)::bigint, calls, round(mean_exec_time::numeric, 3),
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 150)
                        from pg_stat_statements order by total_exec_time desc limit 30""").query(rs -> {
            System.out.printf(
                    "%8d ms %9d calls %7s ms  %s%n", rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
        });
    }

    private record Latency(SegmentEntryLatency.Spread spread, int arrived) {}

    /**
     * One order per customer through the bulk ingest, a batch every 100 ms; the first five seconds warm up and are left
     * out. Each order's email is found at the SMTP server by its recipient.
     */
    private Latency orderToEmail(List<Recipient> buyers, int perSecond) throws Exception {
        var ingest = context.getBean(BulkIngest.class);
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        int batchSize = Math.max(1, perSecond / 10);
        int warmUp = perSecond * 5;
        var sentAt = new ConcurrentHashMap<String, Long>();
        int receivedBefore = smtp.count();
        var senders = Executors.newScheduledThreadPool(4);
        var batches = new ArrayList<Future<?>>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int from = 0; from < buyers.size(); from += batchSize) {
            List<Recipient> batch = buyers.subList(from, Math.min(from + batchSize, buyers.size()));
            long due = start + TimeUnit.MILLISECONDS.toNanos(100L * (from / batchSize));
            batches.add(senders.schedule(
                    () -> {
                        String orderedAt = LocalDateTime.now(zone).format(ORDER_DATE);
                        var records = new ArrayList<Map<String, Object>>();
                        for (Recipient buyer : batch) {
                            records.add(Map.of(
                                    "order_id",
                                    "bench-journey-" + buyer.id(),
                                    "phone",
                                    buyer.phone(),
                                    "order_date",
                                    orderedAt,
                                    "amount",
                                    "199.00"));
                        }
                        long sent = System.nanoTime();
                        batch.forEach(buyer -> sentAt.put(buyer.email(), sent));
                        ingest.ingest(ImportKind.ORDERS, "shop", records, Map.of()).stream()
                                .filter(result -> result.result().equals("rejected"))
                                .forEach(result -> System.out.println("  order rejected: " + result.reason()));
                    },
                    due - System.nanoTime(),
                    TimeUnit.NANOSECONDS));
        }
        for (Future<?> batch : batches) {
            batch.get();
        }
        senders.shutdown();
        await(() -> smtp.count() - receivedBefore >= buyers.size(), Duration.ofSeconds(60));
        var measured = buyers.subList(Math.min(warmUp, buyers.size()), buyers.size()).stream()
                .map(Recipient::email)
                .collect(Collectors.toSet());
        var millis = new ArrayList<Double>();
        int arrived = 0;
        for (SmtpSink.Received message : smtp.received().subList(receivedBefore, smtp.count())) {
            Long sent = sentAt.get(message.recipient());
            if (sent != null) {
                arrived++;
                if (measured.contains(message.recipient())) {
                    millis.add((message.nanos() - sent) / 1e6);
                }
            }
        }
        return new Latency(SegmentEntryLatency.Spread.of(millis), arrived);
    }

    private record Outcome(
            long sent,
            long sentNotArrived,
            long inDoubt,
            long inDoubtArrived,
            long otherDeliveries,
            long received,
            long distinct,
            long lostSteps) {}

    /**
     * What the SMTP server received against what the deliveries say, and every enrolment's steps: each throughput
     * enrolment must have its five steps in the history exactly once and each order journey enrolment its email step.
     */
    private Outcome outcome(long pipeline, long onOrder, int pipelineEnrolments, int orders) throws Exception {
        List<SmtpSink.Received> received = smtp.received();
        var arrived = received.stream().map(SmtpSink.Received::messageId).collect(Collectors.toSet());
        Map<String, Long> byStatus = new HashMap<>();
        Map<String, Long> arrivedByStatus = new HashMap<>();
        var sha256 = MessageDigest.getInstance("SHA-256");
        jdbc.sql("select status, idempotency_key from message_deliveries").query(rs -> {
            String status = rs.getString(1);
            byStatus.merge(status, 1L, Long::sum);
            // the Message-ID the email sender derives from the idempotency key
            byte[] hash = sha256.digest(rs.getString(2).getBytes(StandardCharsets.UTF_8));
            if (arrived.contains("<" + HexFormat.of().formatHex(hash, 0, 20) + "@retain.local>")) {
                arrivedByStatus.merge(status, 1L, Long::sum);
            }
        });
        long sent = byStatus.getOrDefault("SENT", 0L);
        long inDoubt = byStatus.getOrDefault("IN_DOUBT", 0L);
        long other = byStatus.values().stream().mapToLong(Long::longValue).sum() - sent - inDoubt;
        long expectedSteps = (long) pipelineEnrolments * STEPS_PER_ENROLMENT + orders;
        long distinctSteps =
                jdbc.sql("""
                        select count(distinct (enrolment_id, node_id)) from journey_history
                        where journey_id in (?, ?) and event in ('ACTED', 'WAITING', 'BRANCH')""").params(pipeline, onOrder).query(Long.class).single();
        return new Outcome(
                sent,
                sent - arrivedByStatus.getOrDefault("SENT", 0L),
                inDoubt,
                arrivedByStatus.getOrDefault("IN_DOUBT", 0L),
                other,
                received.size(),
                arrived.size(),
                expectedSteps - distinctSteps);
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("gave up waiting after " + limit);
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Schedules that would only add noise: imports, nightly jobs, the dashboard computed ahead. */
    private static String[] withQuietSchedules(String... settings) {
        var all = new ArrayList<>(List.of(settings));
        all.addAll(List.of(
                "--retain.imports.worker.enabled=false",
                "--retain.segments.recompute-cron=-",
                "--retain.predict.clv-cron=-",
                "--retain.predict.churn-cron=-",
                "--retain.predict.churn-training-cron=-",
                "--retain.predict.recommendations-cron=-",
                "--retain.analytics.rebuild-cron=-",
                "--retain.analytics.cohort-check-ms=3600000",
                "--retain.analytics.cache-seconds=86400",
                "--retain.journeys.daily-cron=-",
                "--retain.coupons.expiry-cron=-"));
        return all.toArray(String[]::new);
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

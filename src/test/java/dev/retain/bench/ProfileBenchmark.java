package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.customers.CustomerNotes;
import dev.retain.customers.ProfileSection;
import dev.retain.customers.TimelineSource;
import dev.retain.demo.DemoDataset;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.tasks.Tasks;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer page (the 360 view) on the demo company: one customer is given a long history — 1,000 orders with two
 * lines each, 3,000 events, 300 messages, 50 notes and 30 tasks — and their page is fetched over HTTP by a signed-in
 * user, against the page of a typical demo customer measured in the same run as the reference. Then the time of each
 * section and timeline source for the long history, to see which part costs what. Run by {@code bench/profile};
 * prints figures and, last, one line of key=value pairs. Target: the long history's page under 300 ms at p95.
 */
public final class ProfileBenchmark {

    private static final long SEED = 20_261_123L;
    private static final int ORDERS = 1_000;
    private static final int EVENTS = 3_000;
    private static final int MESSAGES = 300;
    private static final int WARM_UP = 30;
    private static final int MEASURED = 200;
    private static final String PASSWORD = "bench password 1";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Percentiles of a series of times in milliseconds. */
    private record Spread(double p50, double p95, double p99, double max) {

        static Spread of(List<Double> millis) {
            double[] sorted =
                    millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Spread(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1]);
        }

        private static double rank(double[] sorted, double fraction) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", p50, p95, p99, max);
        }
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-profile")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        "retain.segments.recompute-cron=-",
                        "logging.level.root=WARN")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        try {
            run(context, customers);
        } finally {
            context.close();
        }
    }

    private static void run(ConfigurableApplicationContext context, int customers) throws Exception {
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long started = System.nanoTime();
        var loaded = context.getBean(DemoDataset.class).load(SEED, customers, LocalDate.now(zone), zone);
        System.out.printf(
                "generated and loaded %,d customers, %,d orders, %,d events in %.1f s%n",
                loaded.customers(), loaded.orders(), loaded.events(), (System.nanoTime() - started) / 1e9);

        long typical = jdbc.sql("""
                        select customer_id from orders group by customer_id
                        order by abs(count(*) - 10), customer_id limit 1""").query(Long.class).single();
        long heavy = jdbc.sql("""
                        select id from customers where merged_into is null and id <> ? order by id limit 1""").param(typical).query(Long.class).single();
        giveLongHistory(context, jdbc, heavy);
        vacuumAnalyze(context.getBean(DataSource.class));
        System.out.printf(
                "customer %d: %,d orders, %,d order lines, %,d events, %,d messages; reference customer %d: %,d orders%n",
                heavy,
                count(jdbc, "select count(*) from orders where customer_id = ?", heavy),
                count(jdbc, "select count(*) from order_lines where customer_id = ?", heavy),
                count(jdbc, "select count(*) from events where customer_id = ?", heavy),
                count(jdbc, "select count(*) from message_deliveries where customer_id = ?", heavy),
                typical,
                count(jdbc, "select count(*) from orders where customer_id = ?", typical));

        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient http = signedIn(context, port);
        String base = "http://localhost:" + port;
        for (int i = 0; i < WARM_UP; i++) {
            get(http, base + "/customers/" + heavy);
            get(http, base + "/customers/" + typical);
        }
        var heavyTimes = new ArrayList<Double>();
        var typicalTimes = new ArrayList<Double>();
        var moreTimes = new ArrayList<Double>();
        Instant middle = jdbc.sql(
                        "select ordered_at from orders where customer_id = ? order by ordered_at offset ? limit 1")
                .params(heavy, ORDERS / 2)
                .query(Timestamp.class)
                .single()
                .toInstant();
        String more = base + "/customers/" + heavy + "/timeline/more?before="
                + URLEncoder.encode(middle.toString(), StandardCharsets.UTF_8);
        for (int i = 0; i < MEASURED; i++) {
            heavyTimes.add(get(http, base + "/customers/" + heavy));
            typicalTimes.add(get(http, base + "/customers/" + typical));
            moreTimes.add(get(http, more));
        }
        Spread heavySpread = Spread.of(heavyTimes);
        Spread typicalSpread = Spread.of(typicalTimes);
        Spread moreSpread = Spread.of(moreTimes);
        System.out.println("customer page, long history:    " + heavySpread);
        System.out.println("customer page, typical history: " + typicalSpread);
        System.out.println("timeline \"load more\" mid-history: " + moreSpread);

        System.out.println("parts of the long history's page (p95 of " + MEASURED / 4 + " calls each):");
        var parts = new LinkedHashMap<String, Supplier<Object>>();
        context.getBeansOfType(ProfileSection.class)
                .values()
                .forEach(section -> parts.put("section " + section.fragment(), () -> section.data(heavy)));
        Instant end = Instant.parse("9999-12-31T00:00:00Z");
        context.getBeansOfType(TimelineSource.class)
                .values()
                .forEach(source -> parts.put("timeline " + source.kind(), () -> source.entries(heavy, end, 51)));
        parts.forEach((name, part) -> {
            var times = new ArrayList<Double>();
            for (int i = 0; i < MEASURED / 4; i++) {
                long t = System.nanoTime();
                part.get();
                times.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf(
                    Locale.ROOT, "  %-44s %7.2f ms%n", name, Spread.of(times).p95());
        });
        System.out.println(String.format(
                Locale.ROOT,
                "customers=%d orders=%d page_p95_ms=%.1f typical_page_p95_ms=%.1f ratio_to_typical=%.2f"
                        + " load_more_p95_ms=%.1f target_met=%b",
                loaded.customers(),
                ORDERS,
                heavySpread.p95(),
                typicalSpread.p95(),
                heavySpread.p95() / typicalSpread.p95(),
                moreSpread.p95(),
                heavySpread.p95() < 300));
    }

    /** Orders over about three years, events over the last two, messages, notes and tasks. */
    private static void giveLongHistory(ConfigurableApplicationContext context, JdbcClient jdbc, long customer) {
        Instant now = Instant.now();
        var partitions = context.getBean(MonthlyPartitions.class);
        jdbc.sql("delete from orders where customer_id = ?").param(customer).update();
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        select :customer, 'bench', 'LONG-' || g, cast(:now as timestamptz) - g * interval '26 hours',
                               case when g % 25 = 0 then 'REFUNDED' when g % 40 = 0 then 'CANCELLED' else 'PAID' end,
                               'CNY', 80 + g % 70, 80 + g % 70, cast(:now as timestamptz)
                        from generate_series(1, :orders) g""")
                .param("customer", customer)
                .param("now", Timestamp.from(now))
                .param("orders", ORDERS)
                .update();
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price)
                        select o.id, p.n, o.customer_id, p.sku, p.name, p.category, 1, p.price
                        from orders o
                        cross join (select row_number() over (order by sku) as n, sku, name, category, price
                                    from (select * from products order by sku limit 2) two) p
                        where o.customer_id = ?""").param(customer).update();
        partitions.ensure("events", now.minus(Duration.ofDays(700)), now);
        jdbc.sql("""
                        insert into events (customer_id, type, occurred_at, properties)
                        select :customer, (array['page_view', 'login', 'add_to_cart'])[1 + g % 3],
                               cast(:now as timestamptz) - g * interval '5 hours', '{"page": "/item"}'
                        from generate_series(1, :events) g""")
                .param("customer", customer)
                .param("now", Timestamp.from(now))
                .param("events", EVENTS)
                .update();
        partitions.ensure("message_deliveries", now.minus(Duration.ofDays(2 * MESSAGES + 1)), now);
        jdbc.sql("""
                        insert into message_deliveries (id, created_at, customer_id, channel, template_id, marketing,
                            idempotency_key, outcome, scheduled_at, status, recipient, subject, attempts, sent_at,
                            opened_at, opens, clicked_at, clicks)
                        select nextval('message_delivery_ids'), t, :customer, 'EMAIL', 0, true, 'bench-long-' || g,
                               'QUEUED', t, 'SENT', 'long@example.com', 'Newsletter ' || g, 1, t + interval '1 minute',
                               case when g % 3 = 0 then t + interval '2 hours' end, case when g % 3 = 0 then 1 else 0 end,
                               case when g % 9 = 0 then t + interval '3 hours' end, case when g % 9 = 0 then 1 else 0 end
                        from generate_series(1, :messages) g,
                             lateral (select cast(:now as timestamptz) - g * interval '2 days' as t) x""")
                .param("customer", customer)
                .param("now", Timestamp.from(now))
                .param("messages", MESSAGES)
                .update();
        var notes = context.getBean(CustomerNotes.class);
        var tasks = context.getBean(Tasks.class);
        for (int i = 0; i < 50; i++) {
            notes.add(customer, "Note " + i + ": called about the order of last week.");
        }
        for (int i = 0; i < 30; i++) {
            tasks.create(customer, null, "CALL", "Follow-up " + i, null, now.plus(Duration.ofDays(i)), "bench", null);
        }
    }

    private static HttpClient signedIn(ConfigurableApplicationContext context, int port) throws Exception {
        String username = "bench-" + Long.toString(System.nanoTime(), 36);
        context.getBean(UserAccounts.class)
                .create(new NewUser(username, "Bench", null, PASSWORD, java.util.Set.of(Role.MARKETER)));
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String login = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String form = Map.of("username", username, "password", PASSWORD, "_csrf", csrf.group(1)).entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b)
                .orElseThrow();
        var signIn = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String location = signIn.headers().firstValue("Location").orElse("");
        if (signIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("signing in failed: " + signIn.statusCode() + " " + location);
        }
        return http;
    }

    /** Fetches a page and returns the time until its last byte, in milliseconds; anything but 200 stops the run. */
    private static double get(HttpClient http, String url) throws Exception {
        long started = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200 || response.body().length() < 100) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return millis;
    }

    private static long count(JdbcClient jdbc, String sql, long customer) {
        return jdbc.sql(sql).param(customer).query(Long.class).single();
    }

    private static void vacuumAnalyze(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : Arrays.asList(
                    "customers", "orders", "order_lines", "events", "message_deliveries", "customer_notes", "tasks")) {
                statement.execute("vacuum analyze " + table);
            }
        }
    }
}

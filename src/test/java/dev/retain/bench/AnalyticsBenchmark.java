package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.analytics.AnalyticsRefresh;
import dev.retain.demo.DemoDataset;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.predict.ChurnTraining;
import dev.retain.predict.ClvScores;
import dev.retain.predict.TimeUnitOfFit;
import dev.retain.segments.Audiences;
import dev.retain.segments.RfmScores;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard and the customer 360 page under load on the demo company: the server runs with every precomputation
 * done (RFM, lifetime value, churn risk, two dynamic tags, the analytics aggregates), a customer with 1,000 orders is
 * added, and wrk (Debian's) sends requests from 20 connections, signed in as a manager. References measured in the same
 * run: one full scan of the paid orders (what the dashboard would read without its aggregates) and the 360 page of an
 * ordinary customer. Run by {@code bench/analytics}; the last line is key=value pairs.
 */
public final class AnalyticsBenchmark {

    private static final long SEED = 20_261_123L;
    private static final String PASSWORD = "bench analytics password";

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "30"));
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-analytics")));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // command-line arguments, so they win over application.properties
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .run(
                        "--server.port=" + port,
                        "--retain.data-dir=" + work.resolve("data"),
                        "--retain.db.embedded.clean-start=true",
                        "--retain.imports.worker.enabled=false",
                        "--retain.segments.recompute-cron=-",
                        "--retain.predict.clv-cron=-",
                        "--retain.predict.churn-cron=-",
                        "--retain.predict.churn-training-cron=-",
                        "--retain.predict.recommendations-cron=-",
                        "--retain.analytics.rebuild-cron=-",
                        "--retain.analytics.cohort-check-ms=3600000",
                        "--logging.level.root=WARN");
        try {
            run(context, customers, port, seconds, work);
        } finally {
            context.close();
        }
    }

    private static void run(ConfigurableApplicationContext context, int customers, int port, int seconds, Path work)
            throws Exception {
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        DataSource dataSource = context.getBean(DataSource.class);
        LocalDate today = LocalDate.now(zone);

        long started = System.nanoTime();
        var loaded = context.getBean(DemoDataset.class).load(SEED, customers, today, zone);
        System.out.printf(
                "generated and loaded %,d customers, %,d orders, %,d events in %.1f s%n",
                loaded.customers(), loaded.orders(), loaded.events(), seconds(started));
        long heavy;
        long ordinary;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            heavy = aCustomerWithAThousandOrders(connection);
            ordinary = scalar(connection, "select customer_id from orders group by 1 having count(*) = 5 limit 1");
            started = System.nanoTime();
            connection.createStatement().execute("vacuum analyze");
            System.out.printf("vacuum analyze: %.1f s%n", seconds(started));
        }

        started = System.nanoTime();
        context.getBean(RfmScores.class).score();
        Audiences audiences = context.getBean(Audiences.class);
        for (String template : List.of("dormant", "dormancy_warning")) {
            var tag = audiences.createFromTemplate(template);
            audiences.evaluate(tag.kind(), tag.id());
        }
        context.getBean(ClvScores.class).score(today, TimeUnitOfFit.WEEKS, 365, 0.01);
        context.getBean(ChurnTraining.class).train();
        System.out.printf("RFM, two tags, lifetime value, churn risk: %.1f s%n", seconds(started));
        started = System.nanoTime();
        context.getBean(AnalyticsRefresh.class).rebuild();
        double rebuildSeconds = seconds(started);
        System.out.printf("analytics aggregates (buyers, cohort matrix) rebuilt in %.1f s%n", rebuildSeconds);

        double scanMs;
        try (Connection connection = dataSource.getConnection()) {
            started = System.nanoTime();
            connection
                    .createStatement()
                    .executeQuery(
                            "select count(distinct customer_id), sum(base_amount) from orders where status = 'PAID'")
                    .close();
            scanMs = seconds(started) * 1000;
        }
        System.out.printf("reference: one scan of the paid orders %.0f ms%n", scanMs);

        context.getBean(UserAccounts.class)
                .create(new UserAccounts.NewUser(
                        "bench-manager", "Bench Manager", null, PASSWORD, Set.of(Role.MANAGER)));
        String base = "http://localhost:" + port;
        String cookie = signIn(base);
        Path script = work.resolve("percentiles.lua");
        Files.writeString(script, """
                done = function(summary, latency, requests)
                  io.write(string.format("p95_us=%d requests=%d duration_us=%d errors=%d\\n",
                    latency:percentile(95), summary.requests, summary.duration,
                    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
                end
                """);
        double coldMs = coldDashboardMs(base, cookie);
        System.out.printf("dashboard computed afresh (no reuse), median of 3: %.0f ms%n", coldMs);
        Load dashboard = load(base + "/analytics", cookie, script, seconds);
        Load profile = load(base + "/customers/" + heavy, cookie, script, seconds);
        Load ordinaryProfile = load(base + "/customers/" + ordinary, cookie, script, seconds);
        System.out.printf(
                Locale.ROOT,
                "dashboard (last 30 days, all widgets): p95 %.0f ms, %.1f requests/s = %.2f × one scan of the paid orders%n"
                        + "360 page, customer with 1,000 orders: p95 %.0f ms, %.1f requests/s;"
                        + " an ordinary customer (5 orders): p95 %.0f ms (ratio %.2f)%n",
                dashboard.p95Ms,
                dashboard.perSecond(),
                dashboard.p95Ms / scanMs,
                profile.p95Ms,
                profile.perSecond(),
                ordinaryProfile.p95Ms,
                profile.p95Ms / ordinaryProfile.p95Ms);
        double requestsPerSecond = (dashboard.requests + profile.requests) / (dashboard.seconds + profile.seconds);
        System.out.println(String.format(
                Locale.ROOT,
                "dashboard_p95_ms=%.0f profile_p95_ms=%.0f requests_per_s=%.1f order_scan_ms=%.0f rebuild_s=%.1f"
                        + " dashboard_cold_ms=%.0f",
                dashboard.p95Ms,
                profile.p95Ms,
                requestsPerSecond,
                scanMs,
                rebuildSeconds,
                coldMs));
    }

    private record Load(double p95Ms, long requests, double seconds) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** 20 connections on 2 threads for the given seconds, after a short warm-up; non-2xx answers fail the run. */
    private static Load load(String url, String cookie, Path script, int seconds)
            throws IOException, InterruptedException {
        run(List.of("wrk", "-t2", "-c20", "-d5s", "-H", "Cookie: " + cookie, url));
        String out = run(List.of(
                "wrk",
                "-t2",
                "-c20",
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                "-H",
                "Cookie: " + cookie,
                url));
        Matcher m = Pattern.compile("p95_us=(\\d+) requests=(\\d+) duration_us=(\\d+) errors=(\\d+)")
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no figures from wrk:\n" + out);
        }
        if (Long.parseLong(m.group(4)) > 0 || out.contains("Non-2xx")) {
            throw new IllegalStateException("errors under load:\n" + out);
        }
        return new Load(
                Long.parseLong(m.group(1)) / 1000.0, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)) / 1e6);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed:\n" + out);
        }
        return out;
    }

    /** The page with {@code fresh=true}: every widget computed for this request. */
    private static double coldDashboardMs(String base, String cookie) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
            long started = System.nanoTime();
            var answer = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/analytics?fresh=true"))
                            .header("Cookie", cookie)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            times[i] = (System.nanoTime() - started) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("dashboard answered " + answer.statusCode());
            }
        }
        java.util.Arrays.sort(times);
        return times[1];
    }

    /** Signs in through the login form and returns the session cookie. */
    private static String signIn(String base) throws IOException, InterruptedException {
        var cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String body = "username=bench-manager&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 302
                || answer.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + answer.statusCode());
        }
        List<String> pairs = new ArrayList<>();
        cookies.getCookieStore().getCookies().forEach(c -> pairs.add(c.getName() + "=" + c.getValue()));
        return String.join("; ", pairs);
    }

    /** A customer ordering about weekly for three years (1,000 paid orders with one to three lines) and 500 events. */
    private static long aCustomerWithAThousandOrders(Connection connection) throws Exception {
        var statement = connection.createStatement();
        long id = scalar(connection, """
                insert into customers (kind, name, phone, region, lifecycle_stage, custom_fields, signed_up_at, created_at, updated_at)
                values ('PERSON', '千单客户', '+8613900000000', '华东', 'LOYAL', '{}', now() - interval '3 years', now(), now())
                returning id""");
        statement.execute("""
                insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount, base_amount, created_at)
                select %1$d, 'bench', 'heavy-' || n, now() - (n * interval '26 hours'), 'PAID', 'CNY', 100 + n %% 300,
                       100 + n %% 300, now()
                from generate_series(1, 1000) n""".formatted(id));
        statement.execute("""
                insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity, unit_price)
                select o.id, l, o.customer_id, 'SKU-' || (o.id + l) %% 50, '商品 ' || (o.id + l) %% 50, '品类 ' || l, 1,
                       round(o.amount / 2, 2)
                from orders o cross join generate_series(1, 2) l where o.customer_id = %d""".formatted(id));
        statement.execute("""
                insert into events (customer_id, type, occurred_at, properties)
                select %d, 'page_view', now() - (n * interval '30 hours'), '{}' from generate_series(1, 500) n""".formatted(id));
        System.out.printf("added customer %d with 1,000 orders, 2,000 lines and 500 events%n", id);
        return id;
    }

    private static long scalar(Connection connection, String sql) throws Exception {
        try (var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

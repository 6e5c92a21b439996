package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.demo.DemoDataset;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.sales.PoolReclaims;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sales workspace on the demo company with 200 salespeople owning its customers, 40% of them followed up in the
 * last two months, the default pool reclaiming after 30 working days without a follow-up or 90 without an order:
 * <ul>
 *   <li>the reclaim run (every rule, the reminders, the pool moves) against one hand-written SQL statement of the same
 *       rules, each run three times in turn inside a transaction rolled back after, so both meet the same data;
 *   <li>a salesperson's list of their customers and a search in it over HTTP, scoped by the database, against the
 *       same requests from a system key, which no scope narrows;
 *   <li>50 salespeople claiming from the pool at once: claims per second, and any claim past a quota or a cap.
 * </ul>
 * Run by {@code bench/sales}; the last line holds the figures as key=value pairs.
 */
public final class SalesBenchmark {

    private static final long SEED = 20_261_207L;
    private static final int SELLERS = 200;
    private static final int CLAIMERS = 50;
    private static final int CLAIMS_EACH = 20;
    private static final int ROUNDS = 3;
    private static final int REQUESTS = 500;

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-sales")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        "retain.segments.recompute-cron=-",
                        "retain.sales.reclaim-cron=-",
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
        UserAccounts users = context.getBean(UserAccounts.class);
        List<Long> sellers = new ArrayList<>();
        for (int i = 0; i < SELLERS; i++) {
            sellers.add(users.create(
                            new NewUser("seller" + i, "Seller " + i, null, "bench password " + i, Set.of(Role.SALES)))
                    .id());
        }
        long started = System.nanoTime();
        var loaded = context.getBean(DemoDataset.class).load(SEED, customers, LocalDate.now(zone), zone);
        System.out.printf(
                "loaded %,d customers, %,d orders in %.1f s; %d salespeople%n",
                loaded.customers(), loaded.orders(), (System.nanoTime() - started) / 1e9, SELLERS);
        jdbc.sql("""
                        insert into follow_ups (customer_id, kind, content, author, created_at)
                        select id, 'PHONE', 'called', 'seller', now() - (random() * 60 || ' days')::interval
                        from customers where owner_id is not null and random() < 0.4""").update();
        long calendar = context.getBean(BusinessCalendars.class).standard().id();
        jdbc.sql("""
                        update customer_pools set follow_up_days = 30, order_days = 90, calendar_id = ?, remind_days = 5,
                            daily_claim_quota = ?, max_owned = null, rules_since = '2020-01-01'
                        where is_default""").params(calendar, CLAIMS_EACH).update();
        vacuumAnalyze(context.getBean(DataSource.class));
        System.out.printf(
                "%,d owned customers, %,d followed up in the last 60 days%n",
                count(jdbc, "select count(*) from customers where owner_id is not null"),
                count(jdbc, "select count(distinct customer_id) from follow_ups"));

        var rolledBack = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        PoolReclaims reclaims = context.getBean(PoolReclaims.class);
        List<Double> retainTimes = new ArrayList<>();
        List<Double> referenceTimes = new ArrayList<>();
        long reclaimed = 0;
        long referenceReclaimed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long[] figures = new long[2];
            referenceTimes.add(seconds(() -> rolledBack.execute(status -> {
                figures[0] = handWritten(jdbc);
                status.setRollbackOnly();
                return null;
            })));
            retainTimes.add(seconds(() -> rolledBack.execute(status -> {
                figures[1] = reclaims.run().reclaimed();
                status.setRollbackOnly();
                return null;
            })));
            referenceReclaimed = figures[0];
            reclaimed = figures[1];
            System.out.printf(
                    "round %d: reclaim run %.2f s (%,d customers), hand-written statement %.2f s (%,d)%n",
                    round + 1, retainTimes.get(round), reclaimed, referenceTimes.get(round), referenceReclaimed);
        }
        if (reclaimed != referenceReclaimed) {
            System.out.printf("the run and the statement disagree: %,d against %,d%n", reclaimed, referenceReclaimed);
        }
        double reclaimS = median(retainTimes);
        double referenceS = median(referenceTimes);

        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String base = "http://localhost:" + port;
        ApiKeys apiKeys = context.getBean(ApiKeys.class);
        long seller = sellers.get(7);
        String sellerKey =
                apiKeys.create("bench seller", Set.of(Role.SALES), seller).token();
        String systemKey = apiKeys.create("bench system", Set.of(Role.SALES)).token();
        String someName = jdbc.sql("select left(name, 1) from customers where owner_id = ? limit 1")
                .param(seller)
                .query(String.class)
                .single();
        String q = URLEncoder.encode(someName, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        String ownList = "/api/v1/customers?size=50&ownerId=" + seller;
        List<String> urls = List.of(base + ownList, base + ownList + "&q=" + q);
        List<Double> scoped = new ArrayList<>();
        List<Double> unscoped = new ArrayList<>();
        timeInTurn(http, urls, sellerKey, scoped, systemKey, unscoped);
        double scopedP95 = p95(scoped);
        double unscopedP95 = p95(unscoped);
        System.out.printf(
                "customer list and search (%d requests each): scoped p95 %.1f ms, unscoped p95 %.1f ms%n",
                REQUESTS * 2, scopedP95, unscopedP95);

        reclaims.run();
        long waiting = count(jdbc, "select count(*) from customers where owner_id is null and pool_id = 1");
        List<String> claimerKeys = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            claimerKeys.add(apiKeys.create("claimer " + i, Set.of(Role.SALES), sellers.get(i))
                    .token());
        }
        List<Long> pool = jdbc.sql(
                        "select id from customers where owner_id is null and pool_id = 1 order by id limit 2000")
                .query(Long.class)
                .list();
        var claimed = new AtomicInteger();
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(CLAIMERS);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            String key = claimerKeys.get(i);
            var order = new ArrayList<>(pool);
            Collections.shuffle(order, new Random(i));
            done.add(threads.submit(() -> {
                start.await();
                int mine = 0;
                for (long customer : order) {
                    if (mine == CLAIMS_EACH) {
                        break;
                    }
                    int status = post(http, claimerKeyUrl(base), key, "{\"customerId\":" + customer + "}");
                    if (status == 201) {
                        mine++;
                        claimed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long claimStart = System.nanoTime();
        start.countDown();
        for (Future<?> one : done) {
            one.get();
        }
        double claimSeconds = (System.nanoTime() - claimStart) / 1e9;
        threads.shutdown();
        long overclaims = count(
                        jdbc,
                        "select coalesce(sum(greatest(claims - " + CLAIMS_EACH + ", 0)), 0)"
                                + " from customer_pool_claim_counts")
                + count(
                        jdbc,
                        "select count(*) from (select customer_id from customer_pool_moves where kind = 'CLAIMED'"
                                + " group by customer_id having count(*) > 1) twice");
        System.out.printf(
                "%,d customers waiting; %d salespeople claimed %,d in %.2f s%n",
                waiting, CLAIMERS, claimed.get(), claimSeconds);

        System.out.printf(
                Locale.ROOT,
                "reclaim_s=%.2f reference_s=%.2f ratio_to_reference=%.2f scoped_list_p95_ms=%.1f scope_overhead=%.2f"
                        + " claims_per_s=%.0f overclaims=%d%n",
                reclaimS,
                referenceS,
                reclaimS / referenceS,
                scopedP95,
                scopedP95 / unscopedP95,
                claimed.get() / claimSeconds,
                overclaims);
    }

    private static String claimerKeyUrl(String base) {
        return base + "/api/v1/pools/claims";
    }

    /**
     * The same rules as one statement, written by hand: days since the last follow-up (or paid order), the owner
     * getting the customer and the rules changing, on the pool's working days; locked customers and running
     * contracts left out; customers due go back with their moves recorded, owners due within the reminder days
     * reminded. Today is the company's (Asia/Shanghai), as for the run: the session's current_date is UTC's.
     */
    private static long handWritten(JdbcClient jdbc) {
        return jdbc.sql("""
                        with status as (
                            select c.id, c.owner_id, c.pool_id, p.remind_days,
                                   greatest(f.last_at, c.owner_since, p.rules_since) as follow_up_from,
                                   coalesce(l.follow_up_days, p.follow_up_days)
                                       - working_days_between(p.calendar_id,
                                             (greatest(f.last_at, c.owner_since, p.rules_since) at time zone 'Asia/Shanghai')::date,
                                             (now() at time zone 'Asia/Shanghai')::date) as follow_up_left,
                                   coalesce(l.order_days, p.order_days)
                                       - working_days_between(p.calendar_id,
                                             (greatest(o.last_at, c.owner_since, p.rules_since) at time zone 'Asia/Shanghai')::date,
                                             (now() at time zone 'Asia/Shanghai')::date) as order_left
                            from customers c
                            join customer_pools p on p.id = c.pool_id
                            left join customer_pool_levels l on l.pool_id = p.id and l.level = c.custom_fields ->> p.level_field
                            left join (select customer_id, max(created_at) as last_at from follow_ups group by customer_id) f
                                   on f.customer_id = c.id
                            left join (select customer_id, max(ordered_at) as last_at from orders where status = 'PAID'
                                       group by customer_id) o on o.customer_id = c.id
                            where c.owner_id is not null and c.merged_into is null
                              and not exists (select from customer_pool_locks k where k.customer_id = c.id)),
                        due as (select *, least(follow_up_left, order_left) as left_days from status),
                        moved as (
                            update customers c set owner_id = null, owner_since = null, updated_at = now(),
                                version = c.version + 1
                            from due where due.id = c.id and due.left_days <= 0
                            returning c.id, due.owner_id, due.pool_id,
                                case when due.follow_up_left <= due.order_left then 'FOLLOW_UP' else 'ORDER' end as rule),
                        recorded as (
                            insert into customer_pool_moves (customer_id, pool_id, kind, from_owner, reason, actor, at)
                            select id, pool_id, 'RECLAIMED', owner_id, rule, 'system', now() from moved
                            returning 1),
                        reminded as (
                            insert into customer_pool_reminders (customer_id, owner_id, counted_from, days_left, created_at)
                            select id, owner_id, follow_up_from, left_days, now() from due
                            where left_days between 1 and remind_days
                            on conflict do nothing
                            returning 1)
                        select (select count(*) from moved) + 0 * (select count(*) from recorded)
                               + 0 * (select count(*) from reminded)""").query(Long.class).single();
    }

    /**
     * Each request once with either key, in turn and with the order swapped every round, so that whatever else slows
     * the machine for a while (a checkpoint, autovacuum, a collection) meets both sides alike.
     */
    private static void timeInTurn(
            HttpClient http, List<String> urls, String keyA, List<Double> timesA, String keyB, List<Double> timesB)
            throws Exception {
        for (int i = 0; i < 20; i++) {
            for (String url : urls) {
                get(http, keyA, url);
                get(http, keyB, url);
            }
        }
        for (int i = 0; i < REQUESTS; i++) {
            for (String url : urls) {
                if (i % 2 == 0) {
                    timesA.add(get(http, keyA, url));
                    timesB.add(get(http, keyB, url));
                } else {
                    timesB.add(get(http, keyB, url));
                    timesA.add(get(http, keyA, url));
                }
            }
        }
    }

    private static double get(HttpClient http, String key, String url) throws Exception {
        long start = System.nanoTime();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static int post(HttpClient http, String url, String key, String body) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static double seconds(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double p95(List<Double> millis) {
        var sorted = millis.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.95 * sorted.size()) - 1));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void vacuumAnalyze(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : List.of("customers", "orders", "follow_ups", "customer_pools")) {
                statement.execute("vacuum analyze " + table);
            }
        }
    }
}

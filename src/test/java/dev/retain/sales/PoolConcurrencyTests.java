package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customers;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty salespeople claim from the same thousand pool customers at once, through real concurrent requests. The pool
 * allows 20 claims a day and 30 customers owned; ten of the people own 12 already, so they may claim 18, the others
 * 20: room for 980. Every claimed customer has exactly one owner and one claim on record, twenty wait untouched, each
 * person ends exactly at their limit and not one past it, and every refusal is a 409 saying why.
 */
@PoolTest
class PoolConcurrencyTests {

    static final int PEOPLE = 50;
    static final int CUSTOMERS = 1000;
    static final int QUOTA = 20;
    static final int CAP = 30;
    static final int ALREADY_OWNING = 10;
    static final int OWNED_BEFORE = 12;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Pools pools;

    @Autowired
    Customers customers;

    @Autowired
    BulkIngest ingest;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PoolClaims claims;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyPeopleClaimingAThousandCustomersAtOnceNeverOverclaim() throws Exception {
        var fixtures = new PoolFixtures(users, pools, customers);
        Pool pool = pools.create(PoolRules.named("rush " + fixtures.token)
                .claims(QUOTA, CAP, 0, 0)
                .settings());
        List<Long> people = IntStream.range(0, PEOPLE)
                .mapToObj(i -> fixtures.user("seller" + i, Role.SALES))
                .toList();
        for (long person : people.subList(0, ALREADY_OWNING)) {
            for (int i = 0; i < OWNED_BEFORE; i++) {
                fixtures.customer("owned " + person + "-" + i, person);
            }
        }
        List<Long> waiting = intoPool(pool, fixtures);

        var created = new AtomicInteger();
        var refusals = new ConcurrentHashMap<String, AtomicInteger>();
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(PEOPLE);
        List<Future<Integer>> claimed = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            ApiClient api = ApiClient.withToken(
                    port,
                    apiKeys.create("rush " + i, Set.of(Role.SALES), people.get(i))
                            .token());
            var random = new Random(i);
            claimed.add(threads.submit(() -> {
                start.await();
                return claimUntilRefused(api, pool.id(), random, created, refusals);
            }));
        }
        start.countDown();
        List<Integer> perPerson = new ArrayList<>();
        for (Future<Integer> one : claimed) {
            perPerson.add(one.get());
        }
        threads.shutdown();

        int room = (PEOPLE - ALREADY_OWNING) * QUOTA + ALREADY_OWNING * (CAP - OWNED_BEFORE);
        assertThat(created.get()).isEqualTo(room);
        assertThat(perPerson.subList(0, ALREADY_OWNING)).containsOnly(CAP - OWNED_BEFORE);
        assertThat(perPerson.subList(ALREADY_OWNING, PEOPLE)).containsOnly(QUOTA);
        assertThat(refusals.keySet()).allMatch(reason -> reason.startsWith("409 "));

        Long[] ids = waiting.toArray(Long[]::new);
        assertThat(count("select count(*) from customers where id = any(?) and owner_id is not null", ids))
                .isEqualTo(room);
        assertThat(count("""
                        select count(*) from customers c where c.id = any(?) and c.owner_id is not null
                          and (select count(*) from customer_pool_moves m where m.customer_id = c.id and m.kind = 'CLAIMED') = 1
                          and exists (select from customer_pool_moves m where m.customer_id = c.id and m.kind = 'CLAIMED'
                                      and m.to_owner = c.owner_id)""", ids))
                .as("each claimed customer: one claim on record, by its owner")
                .isEqualTo(room);
        assertThat(count(
                        "select count(*) from customers where id = any(?) and owner_id is null and pool_id = "
                                + pool.id(),
                        ids))
                .isEqualTo(CUSTOMERS - room);
        Long[] everyone = people.toArray(Long[]::new);
        assertThat(count("select max(claims) from customer_pool_claim_counts where user_id = any(?)", everyone))
                .isEqualTo(QUOTA);
        assertThat(count(
                        "select max(n) from (select count(*) as n from customers where owner_id = any(?)"
                                + " group by owner_id) owned",
                        everyone))
                .isEqualTo(CAP);
    }

    /** Claims from the pool's list, a page at a time, until a rule says no more; returns how many it got. */
    private static int claimUntilRefused(
            ApiClient api, long pool, Random random, AtomicInteger created, Map<String, AtomicInteger> refusals) {
        int mine = 0;
        while (true) {
            var page = api.get("/api/v1/pools/" + pool + "/customers?size=200");
            assertThat(page.status()).isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            page.body().get("items").forEach(item -> ids.add(item.get("id").asLong()));
            if (ids.isEmpty()) {
                return mine;
            }
            Collections.shuffle(ids, random);
            for (long id : ids) {
                var answer = api.post("/api/v1/pools/claims", Map.of("customerId", id));
                if (answer.status() == 201) {
                    created.incrementAndGet();
                    mine++;
                    continue;
                }
                String detail = answer.body().get("detail").asString();
                String kind = answer.status() + " " + detail.replaceAll("\\d+", "N");
                refusals.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                if (detail.contains("daily quota") || detail.contains("You own")) {
                    return mine;
                }
            }
        }
    }

    /** A thousand new customers (the API's bulk import), moved by a manager into the pool. */
    private List<Long> intoPool(Pool pool, PoolFixtures fixtures) {
        var records = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < CUSTOMERS; i++) {
            var record = new HashMap<String, Object>();
            record.put("customer_id", fixtures.token + "-" + i);
            record.put("name", "Rush " + i + " " + fixtures.token);
            records.add(record);
        }
        List<Long> ids = ingest.ingest(ImportKind.CUSTOMERS, "rush", records, Map.of()).stream()
                .map(BulkIngest.RecordResult::customerId)
                .toList();
        assertThat(ids).doesNotContainNull().hasSize(CUSTOMERS);
        fixtures.user("mover", Role.MANAGER);
        assertThat(fixtures.as("mover", () -> claims.release(ids, pool.id(), "the rush")))
                .hasSize(CUSTOMERS);
        return ids;
    }

    private long count(String sql, Long[] ids) {
        return jdbc.sql(sql).param(ids).query(Long.class).single();
    }
}

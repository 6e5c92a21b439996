package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A thousand redemptions at once over HTTP against a hundred members holding 30 points each, one in ten sending again
 * the key of an earlier request: no balance goes below zero, no redemption is applied twice (a repeated key answers
 * with the first answer), every refusal is a 409 saying a balance smaller than asked, and what was spent is exactly
 * what the answers say.
 */
@LoyaltyTest
class RedemptionConcurrencyTests {

    static final int MEMBERS = 100;
    static final int REQUESTS = 1000;
    static final long BALANCE = 30;

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    LedgerCheck check;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    record Request(long customerId, String key, long points) {}

    record Answer(Request request, int status, long transactionId, long balance) {}

    @Test
    void aThousandConcurrentRedemptionsNeverOverdrawAndNeverApplyTwice() throws Exception {
        clock.set(null);
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        var fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Customer member = fixtures.aMember();
            loyalty.earn(member.id(), "grant-" + fixtures.token + "-" + i, BALANCE, LoyaltyReason.CAMPAIGN, null);
            members.add(member.id());
        }
        Random random = new Random(19);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (i >= 10 && random.nextInt(10) == 0) {
                requests.add(requests.get(random.nextInt(i)));
            } else {
                requests.add(new Request(
                        members.get(random.nextInt(MEMBERS)),
                        "pos-" + fixtures.token + "-" + i,
                        1 + random.nextInt(12)));
            }
        }

        List<Answer> answers = sendAtOnce(requests);

        Map<String, Answer> firstApplied = new HashMap<>();
        Map<Long, Long> spent = new HashMap<>();
        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
            if (answer.status() == 409) {
                assertThat(answer.balance()).isLessThan(answer.request().points());
                assertThat(answer.balance()).isGreaterThanOrEqualTo(0);
                continue;
            }
            assertThat(answer.balance()).isGreaterThanOrEqualTo(0);
            Answer first = firstApplied.putIfAbsent(answer.request().key(), answer);
            if (first == null) {
                spent.merge(answer.request().customerId(), answer.request().points(), Long::sum);
            } else {
                assertThat(answer.transactionId()).isEqualTo(first.transactionId());
            }
        }
        assertThat(firstApplied).hasSizeGreaterThan(MEMBERS);
        assertThat(answers).anyMatch(answer -> answer.status() == 409);
        for (long member : members) {
            long redeemed = jdbc.sql("""
                            select count(*) from loyalty_transactions where customer_id = ? and reason = 'REDEMPTION'""").param(member).query(Long.class).single();
            long answeredFor = firstApplied.values().stream()
                    .filter(answer -> answer.request().customerId() == member)
                    .count();
            assertThat(redeemed).isEqualTo(answeredFor);
            Wallet wallet = loyalty.wallet(member);
            assertThat(wallet.active()).isEqualTo(BALANCE - spent.getOrDefault(member, 0L));
            assertThat(wallet.active()).isGreaterThanOrEqualTo(0);
        }
        assertThat(check.run().problems()).isEmpty();
    }

    private List<Answer> sendAtOnce(List<Request> requests) throws Exception {
        ApiClient pos = ApiClient.withRoles(port, apiKeys, Role.SERVICE, Role.MARKETER);
        ExecutorService threads = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (Request request : requests) {
                pending.add(threads.submit(() -> {
                    start.await();
                    var response = pos.post(
                            "/api/v1/loyalty/members/" + request.customerId() + "/redemptions",
                            Map.of("idempotencyKey", request.key(), "points", request.points()));
                    boolean applied = response.status() == 201;
                    return new Answer(
                            request,
                            response.status(),
                            applied ? response.body().get("transactionId").asLong() : 0,
                            response.body() == null
                                    ? -1
                                    : response.body()
                                            .path(applied ? "active" : "balance")
                                            .asLong(-1));
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}

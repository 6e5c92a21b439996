package dev.retain.messaging;

import static dev.retain.messaging.MessagingFixtures.couponVariables;
import static dev.retain.messaging.MessagingFixtures.todayAt;
import static dev.retain.messaging.MessagingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Retries with backoff, the dead-letter list, interrupted sends and workers sharing the queue. */
@MessagingTest
class DurableSendingTests {

    @Autowired
    Messaging messaging;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Customers customers;

    @Autowired
    Templates templates;

    @Autowired
    LocalGateway gateway;

    @Autowired
    GreenMail smtp;

    @Autowired
    MovableClock clock;

    @Autowired
    CapturedMessageEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    MessagingFixtures fixtures;

    @BeforeEach
    void noon() {
        clock.set(todayAt(12, 0));
        fixtures = new MessagingFixtures(customers, templates);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void failedSendsRetryWithBackoffThenGoToTheDeadLettersAndCanBeRetriedThroughTheApi() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("韩梅梅");
        gateway.answer(503, 503, 503);
        long id = sendSms(customer).deliveryId();

        dispatcher.dispatchDue();
        Delivery first = messaging.delivery(id).orElseThrow();
        assertThat(first.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("SMS gateway answered 503");
        assertThat(first.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        dispatcher.dispatchDue();
        assertThat(smsTo(customer)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue();
        Delivery second = messaging.delivery(id).orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(2));
        dispatcher.dispatchDue();
        Delivery dead = messaging.delivery(id).orElseThrow();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.failedAt()).isEqualTo(clock.instant());
        assertThat(events.of(MessageFailed.class)).anyMatch(e -> e.deliveryId() == id);

        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        var deadLetters = analyst.get("/api/v1/message-deliveries/dead-letters?size=500");
        assertThat(deadLetters
                        .body()
                        .get("items")
                        .valueStream()
                        .map(d -> d.get("id").asLong()))
                .contains(id);
        var refused = analyst.post("/api/v1/message-deliveries/" + id + "/retry", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        var retried = marketer.post("/api/v1/message-deliveries/" + id + "/retry", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("status").asString()).isEqualTo("QUEUED");
        dispatcher.dispatchDue();
        assertThat(messaging.delivery(id).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(smsTo(customer)).isEqualTo(4);

        var again = marketer.post("/api/v1/message-deliveries/" + id + "/retry", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aGatewayRejectingTheRequestGoesStraightToTheDeadLetters() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("李雷");
        gateway.answer(400);
        long id = sendSms(customer).deliveryId();

        dispatcher.dispatchDue();

        Delivery dead = messaging.delivery(id).orElseThrow();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("answered 400");
    }

    @Test
    void aDeliveryLeftSendingByACrashIsNeverResentAutomaticallyButPutInDoubt() throws Exception {
        Customer crashed = fixtures.aCustomerWithEmailAndPhone("马冬梅");
        Customer stillSending = fixtures.aCustomerWithEmailAndPhone("夏洛");
        long crashedId = sendEmail(crashed).deliveryId();
        long stillSendingId = sendEmail(stillSending).deliveryId();
        // What a kill -9 after the claim's commit leaves behind: SENDING, one attempt, its lease running out.
        leaveSending(crashedId, clock.instant().minusSeconds(1));
        leaveSending(stillSendingId, clock.instant().plusSeconds(120));

        dispatcher.dispatchDue();
        dispatcher.sweepExpiredLeases();

        assertThat(mailsTo(crashed.email())).isZero();
        Delivery inDoubt = messaging.delivery(crashedId).orElseThrow();
        assertThat(inDoubt.status()).isEqualTo(DeliveryStatus.IN_DOUBT);
        assertThat(inDoubt.lastError()).startsWith("in doubt");
        assertThat(messaging.delivery(stillSendingId).orElseThrow().status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(events.of(MessageFailed.class)).anyMatch(e -> e.deliveryId() == crashedId);
        var deadLetters = ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                .get("/api/v1/message-deliveries/dead-letters?size=500")
                .body()
                .get("items");
        assertThat(deadLetters.valueStream().filter(d -> d.get("id").asLong() == crashedId))
                .singleElement()
                .satisfies(d -> assertThat(d.get("status").asString()).isEqualTo("IN_DOUBT"));

        ApiClient.withRoles(port, apiKeys, Role.MANAGER).post("/api/v1/message-deliveries/" + crashedId + "/retry", "");
        dispatcher.dispatchDue();
        assertThat(mailsTo(crashed.email())).isEqualTo(1);
        assertThat(messaging.delivery(crashedId).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void twoWorkersClaimingAtOnceNeverSendTheSameDeliveryTwice() throws Exception {
        MessageTemplate template = fixtures.anEmailTemplate();
        var recipients = new ArrayList<String>();
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 24; i++) {
            Customer customer = fixtures.aCustomerWithEmailAndPhone("客户" + i);
            recipients.add(customer.email());
            ids.add(messaging
                    .send(new Outbound(
                            Channel.EMAIL, customer.id(), template.id(), couponVariables(), unique("k"), "test", false))
                    .deliveryId());
        }

        var start = new CountDownLatch(1);
        Callable<Integer> worker = () -> {
            start.await();
            int claimed = 0;
            for (int batch = dispatcher.dispatchDue(); batch > 0; batch = dispatcher.dispatchDue()) {
                claimed += batch;
            }
            return claimed;
        };
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> workers = List.of(pool.submit(worker), pool.submit(worker));
            start.countDown();
            int claimed = workers.get(0).get() + workers.get(1).get();
            assertThat(claimed).isGreaterThanOrEqualTo(24);
        } finally {
            pool.shutdownNow();
        }

        var received = Arrays.stream(smtp.getReceivedMessages())
                .map(DurableSendingTests::recipient)
                .filter(Set.copyOf(recipients)::contains)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        assertThat(received)
                .hasSize(24)
                .allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
        assertThat(ids).allSatisfy(id -> {
            Delivery delivery = messaging.delivery(id).orElseThrow();
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.attempts()).isEqualTo(1);
        });
    }

    private SendResult sendSms(Customer customer) {
        return messaging.send(new Outbound(
                Channel.SMS,
                customer.id(),
                fixtures.anSmsTemplate().id(),
                couponVariables(),
                unique("k"),
                "test",
                false));
    }

    private SendResult sendEmail(Customer customer) {
        return messaging.send(new Outbound(
                Channel.EMAIL,
                customer.id(),
                fixtures.anEmailTemplate().id(),
                couponVariables(),
                unique("k"),
                "test",
                false));
    }

    private void leaveSending(long id, java.time.Instant leaseUntil) {
        jdbc.sql("update message_deliveries set status = 'SENDING', attempts = 1, lease_until = ? where id = ?")
                .params(Timestamp.from(leaseUntil), id)
                .update();
    }

    private long smsTo(Customer customer) {
        return gateway.received("/sms").stream()
                .filter(r -> r.body().contains("\"to\":\"" + customer.phone() + "\""))
                .count();
    }

    private long mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals(address))
                .count();
    }

    private static String recipient(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

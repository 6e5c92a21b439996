package dev.retain.messaging;

import static dev.retain.messaging.MessagingFixtures.couponVariables;
import static dev.retain.messaging.MessagingFixtures.todayAt;
import static dev.retain.messaging.MessagingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** SMS through a local gateway, signed webhooks, quiet hours, the frequency cap and counts per source. */
@MessagingTest
class ChannelRulesTests {

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
    MovableClock clock;

    @Autowired
    ObjectMapper json;

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
    void anSmsGoesToTheGatewayWithItsTokenAndIdempotencyKey() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("王小明");
        String key = unique("sms");
        SendResult result = messaging.send(new Outbound(
                Channel.SMS, customer.id(), fixtures.anSmsTemplate().id(), couponVariables(), key, "test", true));

        dispatcher.dispatchDue();

        LocalGateway.Received request = smsTo(customer.phone());
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("text").asString()).startsWith("【小店】小明您好，券码BACK-30，退订 https://retain.example.com/u/");
        assertThat(body.get("idempotencyKey").asString()).isEqualTo(key);
        assertThat(request.header("Authorization")).isEqualTo("Bearer sms-test-token");
        assertThat(request.header("Idempotency-Key")).isEqualTo(key);
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aWebhookCarriesAnHmacSha256SignatureOfTimestampAndBody() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("钱多多");
        SendResult result = messaging.send(new Outbound(
                Channel.WEBHOOK, customer.id(), fixtures.aWebhookTemplate().id(), null, unique("hook"), "test", false));

        dispatcher.dispatchDue();

        LocalGateway.Received request = gateway.received("/webhook").stream()
                .filter(r -> r.body().contains("钱多多"))
                .findFirst()
                .orElseThrow();
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asString()).isEqualTo("**钱多多** 可能流失，请跟进。");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("webhook-test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(mac.doFinal((request.header("X-Retain-Timestamp") + "." + request.body())
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Retain-Signature")).isEqualTo("sha256=" + expected);
        assertThat(request.header("X-Retain-Timestamp"))
                .isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void anSmsAskedForInQuietHoursWaitsUntilNineAndIsSentThen() {
        clock.set(todayAt(22, 30));
        Customer customer = fixtures.aCustomerWithEmailAndPhone("郑爽");
        SendResult result = messaging.send(new Outbound(
                Channel.SMS,
                customer.id(),
                fixtures.anSmsTemplate().id(),
                couponVariables(),
                unique("night"),
                "test",
                true));

        Instant nineTomorrow = todayAt(9, 0).plus(Duration.ofDays(1));
        assertThat(result.status()).isEqualTo(SendResult.Status.DEFERRED);
        assertThat(result.dueAt()).isEqualTo(nineTomorrow);
        assertThat(result.reason()).contains("21:00-09:00");

        dispatcher.dispatchDue();
        clock.set(nineTomorrow.minusSeconds(60));
        dispatcher.dispatchDue();
        assertThat(smsCountTo(customer.phone())).isZero();
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.DEFERRED);

        clock.set(nineTomorrow.plusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(smsCountTo(customer.phone())).isEqualTo(1);
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void theFrequencyCapStopsTheThirdMarketingMessageOnAChannelWithinSevenDays() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("冯雪");
        long email = fixtures.anEmailTemplate().id();

        assertThat(sendEmail(customer, email, true).status()).isEqualTo(SendResult.Status.QUEUED);
        clock.advance(Duration.ofDays(3));
        assertThat(sendEmail(customer, email, true).status()).isEqualTo(SendResult.Status.QUEUED);
        SendResult third = sendEmail(customer, email, true);
        assertThat(third.status()).isEqualTo(SendResult.Status.CAPPED);
        assertThat(third.reason()).contains("at most 2 marketing EMAIL messages in 168 hours");
        assertThat(messaging.delivery(third.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.CAPPED);

        assertThat(sendEmail(customer, email, false).status()).isEqualTo(SendResult.Status.QUEUED);
        assertThat(messaging
                        .send(new Outbound(
                                Channel.SMS,
                                customer.id(),
                                fixtures.anSmsTemplate().id(),
                                couponVariables(),
                                unique("k"),
                                "test",
                                true))
                        .status())
                .isEqualTo(SendResult.Status.QUEUED);

        clock.advance(Duration.ofDays(4).plusMinutes(1));
        assertThat(sendEmail(customer, email, true).status()).isEqualTo(SendResult.Status.QUEUED);
    }

    @Test
    void countsPerSourceWithTheirCost() {
        String journey = unique("journey") + ":";
        long sms = fixtures.anSmsTemplate().id();
        Customer first = fixtures.aCustomerWithEmailAndPhone("陈一");
        Customer second = fixtures.aCustomerWithEmailAndPhone("陈二");
        Customer noPhone = fixtures.aCustomerWithoutEmail("陈三");
        for (Customer customer : new Customer[] {first, second, noPhone}) {
            messaging.send(new Outbound(
                    Channel.SMS, customer.id(), sms, couponVariables(), unique("k"), journey + "node:n1", true));
        }
        messaging.send(new Outbound(
                Channel.SMS, first.id(), sms, couponVariables(), unique("k"), "journey:other:node:n1", true));

        assertThat(messaging.countsFor(journey))
                .isEqualTo(new DeliveryCounts(3, 2, 0, 0, 1, 0, 0, 0, new BigDecimal("0.00")));
        dispatcher.dispatchDue();
        DeliveryCounts counts = messaging.countsFor(journey);
        assertThat(counts.sent()).isEqualTo(2);
        assertThat(counts.queued()).isZero();
        assertThat(counts.cost()).isEqualByComparingTo("0.10");
    }

    private SendResult sendEmail(Customer customer, long template, boolean marketing) {
        return messaging.send(new Outbound(
                Channel.EMAIL, customer.id(), template, couponVariables(), unique("k"), "test", marketing));
    }

    private LocalGateway.Received smsTo(String phone) {
        return gateway.received("/sms").stream()
                .filter(r -> r.body().contains("\"to\":\"" + phone + "\""))
                .findFirst()
                .orElseThrow();
    }

    private long smsCountTo(String phone) {
        return gateway.received("/sms").stream()
                .filter(r -> r.body().contains("\"to\":\"" + phone + "\""))
                .count();
    }
}

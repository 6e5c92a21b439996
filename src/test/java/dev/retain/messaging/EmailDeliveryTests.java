package dev.retain.messaging;

import static dev.retain.messaging.MessagingFixtures.couponVariables;
import static dev.retain.messaging.MessagingFixtures.todayAt;
import static dev.retain.messaging.MessagingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Email through a real SMTP server, read back; its tracking links and unsubscribe, followed over HTTP. */
@MessagingTest
class EmailDeliveryTests {

    private static final String PUBLIC_BASE = "https://retain.example.com";
    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Messaging messaging;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Customers customers;

    @Autowired
    Templates templates;

    @Autowired
    Suppressions suppressions;

    @Autowired
    GreenMail smtp;

    @Autowired
    MovableClock clock;

    @Autowired
    CapturedMessageEvents events;

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
    void aPersonalisedEmailArrivesWithUnsubscribeHeadersAPixelAndSignedLinks() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("王小明");
        MessageTemplate template = fixtures.anEmailTemplate();
        String source = unique("journey:12:enrolment") + ":node:n3";

        SendResult result = messaging.send(new Outbound(
                Channel.EMAIL, customer.id(), template.id(), couponVariables(), unique("k"), source, true));
        assertThat(result.status()).isEqualTo(SendResult.Status.QUEUED);
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.QUEUED);

        dispatcher.dispatchDue();

        MimeMessage mail = receivedBy(customer.email()).get(0);
        assertThat(mail.getSubject()).isEqualTo("小明，好久不见");
        assertThat(mail.getFrom()[0].toString()).contains("shop@retain.example.com");
        String body = (String) mail.getContent();
        assertThat(body)
                .contains("亲爱的小明：")
                .contains("<b>BACK-30</b>（满200减30）")
                .contains("<ul><li>储奶袋</li></ul>")
                .contains("<img src=\"" + PUBLIC_BASE + "/t/o/")
                .contains("href=\"" + PUBLIC_BASE + "/t/c/")
                .doesNotContain("href=\"https://shop.example.com")
                .contains("href=\"" + PUBLIC_BASE + "/u/");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<" + PUBLIC_BASE + "/u/");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getMessageID()).matches("<[0-9a-f]{40}@retain\\.local>");

        Delivery sent = messaging.delivery(result.deliveryId()).orElseThrow();
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.subject()).isEqualTo("小明，好久不见");
        assertThat(sent.sentAt()).isEqualTo(clock.instant());
        assertThat(events.of(MessageSent.class))
                .contains(new MessageSent(result.deliveryId(), customer.id(), Channel.EMAIL, source));
    }

    @Test
    void theSameKeyTwiceIsOneDeliveryAndOneEmail() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("Anna Schmidt");
        MessageTemplate template = fixtures.anEmailTemplate();
        String key = unique("journey:1:enrolment:9:node:n1");
        var message = new Outbound(Channel.EMAIL, customer.id(), template.id(), couponVariables(), key, "test", false);

        SendResult first = messaging.send(message);
        SendResult second = messaging.send(message);
        dispatcher.dispatchDue();
        SendResult third = messaging.send(message);
        dispatcher.dispatchDue();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(receivedBy(customer.email())).hasSize(1);
    }

    @Test
    void opensAndClicksAreRecordedAndForgedLinksRejected() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("李娜");
        SendResult result = sendAndDispatch(customer);
        String body = (String) receivedBy(customer.email()).get(0).getContent();
        String pixel = local(first(body, "<img src=\"([^\"]+)\""));
        String click = local(first(body, "href=\"(" + Pattern.quote(PUBLIC_BASE) + "/t/c/[^\"]+)\""));

        HttpResponse<byte[]> opened = get(pixel);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Content-Type")).contains("image/gif");
        get(pixel);
        HttpResponse<byte[]> clicked = get(click);
        assertThat(clicked.statusCode()).isEqualTo(302);
        assertThat(clicked.headers().firstValue("Location")).contains("https://shop.example.com/offer?c=1&src=mail");

        Delivery delivery = messaging.delivery(result.deliveryId()).orElseThrow();
        assertThat(delivery.opens()).isEqualTo(2);
        assertThat(delivery.openedAt()).isNotNull();
        assertThat(delivery.clicks()).isEqualTo(1);
        assertThat(events.of(MessageOpened.class).stream().filter(e -> e.deliveryId() == result.deliveryId()))
                .hasSize(1);
        assertThat(events.of(MessageClicked.class))
                .contains(new MessageClicked(
                        result.deliveryId(), customer.id(), "test", "https://shop.example.com/offer?c=1&src=mail"));

        String forged = click.substring(0, click.length() - 3) + (click.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(get(forged).statusCode()).isEqualTo(400);
        assertThat(get("http://localhost:" + port + "/t/c/not-a-token").statusCode())
                .isEqualTo(400);
        assertThat(get("http://localhost:" + port + "/t/o/not-a-token").statusCode())
                .isEqualTo(400);
    }

    @Test
    void oneClickUnsubscribeSuppressesTheChannelEverywhere() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("赵敏");
        sendAndDispatch(customer);
        String unsubscribe = local(receivedBy(customer.email())
                .get(0)
                .getHeader("List-Unsubscribe")[0]
                .replaceAll("[<>]", ""));

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(unsubscribe))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("已退订");
        assertThat(suppressions
                        .matching(customer.id(), Channel.EMAIL)
                        .orElseThrow()
                        .reason())
                .isEqualTo(SuppressionReason.UNSUBSCRIBED);
        assertThat(events.of(Unsubscribed.class)).contains(new Unsubscribed(customer.id(), Channel.EMAIL));

        SendResult next = send(customer, fixtures.anEmailTemplate(), true);
        assertThat(next.status()).isEqualTo(SendResult.Status.SUPPRESSED);
        assertThat(next.reason()).isEqualTo("UNSUBSCRIBED");
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
    }

    @Test
    void theUnsubscribePageAsksFirstInTheMessagesLanguage() throws Exception {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("孙丽");
        sendAndDispatch(customer);
        String unsubscribe = local(receivedBy(customer.email())
                .get(0)
                .getHeader("List-Unsubscribe")[0]
                .replaceAll("[<>]", ""));

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(unsubscribe)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("不再接收我们的邮件？").contains("confirm-unsubscribe");
        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isEmpty();

        HttpResponse<String> done = http.send(
                HttpRequest.newBuilder(URI.create(unsubscribe))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.body()).contains("已退订：您将不再收到我们的邮件。");
        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isPresent();

        HttpResponse<String> invalid = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/u/forged.token"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.body()).contains("退订链接无效");
    }

    @Test
    void aCustomerWithoutAnAddressOrUnsubscribedWhileWaitingGetsNothing() throws Exception {
        Customer noEmail = fixtures.aCustomerWithoutEmail("周杰");
        SendResult result = send(noEmail, fixtures.anEmailTemplate(), true);
        assertThat(result.status()).isEqualTo(SendResult.Status.SUPPRESSED);
        assertThat(result.reason()).isEqualTo("NO_EMAIL");
        assertThat(messaging.delivery(result.deliveryId()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.SUPPRESSED);

        Customer waiting = fixtures.aCustomerWithEmailAndPhone("吴磊");
        SendResult queued = send(waiting, fixtures.anEmailTemplate(), false);
        suppressions.add(waiting.id(), null, SuppressionReason.MANUAL, "asked on the phone");
        dispatcher.dispatchDue();

        Delivery delivery = messaging.delivery(queued.deliveryId()).orElseThrow();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUPPRESSED);
        assertThat(delivery.reason()).isEqualTo("MANUAL");
        assertThat(receivedBy(waiting.email())).isEmpty();
    }

    private SendResult sendAndDispatch(Customer customer) {
        SendResult result = send(customer, fixtures.anEmailTemplate(), false);
        dispatcher.dispatchDue();
        return result;
    }

    private SendResult send(Customer customer, MessageTemplate template, boolean marketing) {
        return messaging.send(new Outbound(
                Channel.EMAIL, customer.id(), template.id(), couponVariables(), unique("k"), "test", marketing));
    }

    private List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getRecipients(Message.RecipientType.TO)[0]
                                .toString()
                                .equals(address);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private String local(String publicUrl) {
        return publicUrl.replace(PUBLIC_BASE, "http://localhost:" + port);
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

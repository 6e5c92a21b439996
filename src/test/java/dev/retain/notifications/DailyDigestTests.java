package dev.retain.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.retain.customers.CustomFields;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.UserAccounts;
import dev.retain.tasks.Tasks;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The daily digest through a real SMTP server: one email a day to each user who asked for it, listing their unread
 * reminders of the last day with links into Retain — not again the same day, however many runs, nor to anyone who did
 * not ask.
 */
@NotificationTest
class DailyDigestTests {

    @Autowired
    DailyDigest digest;

    @Autowired
    DigestSettings settings;

    @Autowired
    NotificationRun run;

    @Autowired
    Notifications notifications;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    CustomFields fields;

    @Autowired
    Tasks tasks;

    @Autowired
    GreenMail smtp;

    @Autowired
    MovableClock clock;

    NotificationFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(NotificationRunTests.MORNING);
        fixtures = new NotificationFixtures(users, customers, fields);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void anOptedInUserGetsOneDigestADayOfTheirUnreadReminders() throws Exception {
        long reader = fixtures.salesperson("reader");
        long quiet = fixtures.salesperson("quiet");
        settings.setDigest(reader, true);
        long customer = overdueTask(reader, "Send the contract");
        overdueTask(quiet, "Not asked for");
        clock.advance(Duration.ofHours(2));
        run.run(Cadence.FREQUENT);

        digest.run();
        digest.run();

        List<MimeMessage> received = to(reader);
        assertThat(received).hasSize(1);
        MimeMessage email = received.get(0);
        assertThat(email.getSubject()).isEqualTo("Retain: 1 unread notifications");
        String body = GreenMailUtil.getBody(email);
        assertThat(body).contains("Send the contract");
        assertThat(body).contains("https://retain.example.com/customers/" + customer);
        assertThat(to(quiet)).as("no digest without asking").isEmpty();

        // the next day, with a new reminder, the next digest
        overdueTask(reader, "Visit the plant");
        clock.advance(Duration.ofDays(1));
        run.run(Cadence.FREQUENT);
        digest.run();
        assertThat(to(reader)).hasSize(2);
    }

    @Test
    void twoRunsAtOnceSendOneDigest() throws Exception {
        long racer = fixtures.salesperson("digest-racer");
        settings.setDigest(racer, true);
        overdueTask(racer, "Racing reminder");
        clock.advance(Duration.ofHours(2));
        run.run(Cadence.FREQUENT);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                            return digest.run();
                        },
                        threads));
            }
            start.countDown();
            for (var result : runs) {
                result.get();
            }
        } finally {
            threads.shutdown();
        }

        assertThat(to(racer)).hasSize(1);
    }

    @Test
    void readRemindersAreNotInTheDigest() {
        long tidy = fixtures.salesperson("tidy");
        settings.setDigest(tidy, true);
        overdueTask(tidy, "Already seen");
        clock.advance(Duration.ofHours(2));
        run.run(Cadence.FREQUENT);
        notifications.markAllRead(tidy);

        digest.run();

        assertThat(to(tidy)).isEmpty();
    }

    private long overdueTask(long assignee, String title) {
        long customer = fixtures.customer("customer of " + title, assignee);
        tasks.create(customer, assignee, "CALL", title, null, clock.instant().plus(Duration.ofHours(1)), "test", null);
        return customer;
    }

    private List<MimeMessage> to(long userId) {
        String address = users.find(userId).email();
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(recipient -> recipient.toString().equals(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}

package dev.retain.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.zaxxer.hikari.HikariDataSource;
import dev.retain.IntegrationTest;
import dev.retain.ServerProcess;
import dev.retain.messaging.Channel;
import dev.retain.messaging.MessagingTestServers;
import dev.retain.messaging.TemplateDraft;
import dev.retain.messaging.Templates;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * A second Retain server in its own JVM shares the journey and its emails with this one, and is killed with SIGKILL
 * while it works: no shutdown, no finished batch. Its open transactions roll back and this server takes over; what it
 * had handed to SMTP without recording it is put in doubt, never sent again on a guess.
 */
@IntegrationTest
@TestPropertySource(properties = {"retain.data-dir=target/test-data-instances", "retain.messaging.worker.delay-ms=100"})
@Import(MessagingTestServers.class)
@Tag("embedded")
class KilledInstanceTests {

    private static final int CUSTOMERS = 1_500;
    private static final String KILLED = "killed-instance";

    @Autowired
    Journeys journeys;

    @Autowired
    Enrolments enrolments;

    @Autowired
    Templates templates;

    @Autowired
    GreenMail smtp;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ObjectMapper json;

    @TempDir
    Path work;

    @Test
    void anInstanceKilledMidRunLosesNoStepAndSendsNoMessageTwice() throws Exception {
        long template = templates
                .create(new TemplateDraft(
                        "Killed " + System.nanoTime(), Channel.EMAIL, "zh-CN", "您好", "<p>{{customer.name}}，您好</p>"))
                .id();
        Journey journey = journeys.setStatus(
                journeys.create(
                                "Killed instance " + System.nanoTime(),
                                null,
                                json.readTree("""
                                        {"trigger": {"type": "api"}, "start": "hello",
                                         "nodes": {"hello": {"type": "send_email", "params": {"templateId": %d}, "next": "end"},
                                                   "end": {"type": "exit"}}}""".formatted(template)),
                                "test")
                        .id(),
                "ACTIVE");
        List<Long> customers = IntStream.range(0, CUSTOMERS)
                .mapToObj(i -> jdbc.sql("""
                                insert into customers (kind, name, email, custom_fields, created_at, updated_at)
                                values ('PERSON', ?, ?, '{}', now(), now()) returning id""")
                        .params("Killed " + i, "killed-" + i + "@example.com")
                        .query(Long.class)
                        .single())
                .toList();

        try (var other = new ServerProcess(
                KILLED,
                work,
                dataSource.unwrap(HikariDataSource.class),
                smtp.getSmtp().getPort(),
                // its sends in flight at the kill are in doubt after this lease, not after the default five minutes
                List.of(
                        "--retain.messaging.worker.lease=2s",
                        "--retain.messaging.worker.delay-ms=100",
                        // the same installation: this server's personal-data keys
                        ServerProcess.KEY_FILE
                                + java.nio.file.Path.of("target/test-keys/personal-data.keys")
                                        .toAbsolutePath()))) {
            other.start();
            enrolments.enrol(journey.id(), customers, "api");
            await().atMost(Duration.ofSeconds(60)).until(() -> sentBy(KILLED) >= 100);
            other.kill();
        }
        long sentByTheKilledOne = sentBy(KILLED);
        assertThat(unfinished(journey.id(), template))
                .as("work left at the kill")
                .isPositive();

        await().atMost(Duration.ofSeconds(90)).until(() -> unfinished(journey.id(), template) == 0);

        // every step ran once: one email step per enrolment, one delivery per email step
        assertThat(jdbc.sql("""
                                select count(*), count(distinct enrolment_id) from journey_history
                                where journey_id = ? and node_id = 'hello' and event = 'ACTED'""")
                        .param(journey.id())
                        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .single())
                .containsExactly((long) CUSTOMERS, (long) CUSTOMERS);
        Map<String, Long> deliveries = new HashMap<>();
        jdbc.sql("select status, count(*) from message_deliveries where template_id = ? group by status")
                .param(template)
                .query(rs -> {
                    deliveries.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(deliveries.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(CUSTOMERS);
        assertThat(deliveries.keySet()).isSubsetOf("SENT", "IN_DOUBT");

        // the SMTP server saw each customer at most once, and every message recorded as sent arrived
        Map<String, Long> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            received.merge(message.getAllRecipients()[0].toString(), 1L, Long::sum);
        }
        assertThat(received.values()).allMatch(count -> count == 1);
        assertThat(received.size())
                .isEqualTo(deliveries.getOrDefault("SENT", 0L) + inDoubtThatArrived(template, received));
        // both servers sent: the killed one before it died, this one the rest
        assertThat(sentByTheKilledOne).isPositive();
        assertThat(sentBy(KILLED)).isEqualTo(sentByTheKilledOne);
        assertThat(received.size() - sentByTheKilledOne).isPositive();
    }

    /** Messages whose Received header names the sender's greeting, as each server introduces itself to SMTP. */
    private long sentBy(String greeting) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> greetedAs(message, greeting))
                .count();
    }

    private static boolean greetedAs(MimeMessage message, String greeting) {
        try {
            String[] received = message.getHeader("Received");
            return received != null && received[0].contains("(HELO " + greeting + ")");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Enrolments not completed, and their emails neither sent nor in doubt. */
    private long unfinished(long journeyId, long template) {
        return jdbc.sql("""
                        select (select count(*) from journey_enrolments where journey_id = ? and status <> 'COMPLETED')
                             + (select count(*) from message_deliveries
                                where template_id = ? and status not in ('SENT', 'IN_DOUBT'))""").params(journeyId, template).query(Long.class).single();
    }

    /** A delivery in doubt was handed to SMTP, or not, when its sender died: here we can look. */
    private long inDoubtThatArrived(long template, Map<String, Long> received) {
        return jdbc.sql("""
                        select c.email from message_deliveries d join customers c on c.id = d.customer_id
                        where d.template_id = ? and d.status = 'IN_DOUBT'""").param(template).query(String.class).list().stream()
                .filter(received::containsKey)
                .count();
    }
}

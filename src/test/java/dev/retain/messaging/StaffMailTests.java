package dev.retain.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With the outbox on (the demo), email to the company's own people is kept, not sent: once per idempotency key, and
 * readable as it would have arrived.
 */
@IntegrationTest
class StaffMailTests {

    @Autowired
    JavaMailSenderImpl mailServer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void theOutboxKeepsAStaffEmailOncePerKey() {
        var mail = new StaffMail(mailServer, jdbc, clock, "Retain <noreply@localhost>", "retain.local", true);
        String token = Long.toString(System.nanoTime(), 36);
        String recipient = "staff-" + token + "@example.com";

        mail.send(recipient, "Digest " + token, "<p>Call Zhang Wei</p>", "digest:" + token);
        mail.send(recipient, "Digest " + token, "<p>Call Zhang Wei</p>", "digest:" + token);

        assertThat(mail.kept(50))
                .filteredOn(message -> message.recipient().equals(recipient))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.subject()).isEqualTo("Digest " + token);
                    assertThat(message.body()).contains("Call Zhang Wei");
                });
    }
}

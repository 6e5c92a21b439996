package dev.retain.messaging;

import dev.retain.IntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The server on a database of its own, with a real SMTP server (GreenMail), a local SMS gateway and webhook receiver,
 * a clock the test moves, and no background sender: tests dispatch by hand, so they see every step.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(
        properties = {
            "retain.data-dir=target/test-data-messaging",
            "retain.messaging.worker.enabled=false",
            "retain.messaging.worker.batch-size=5",
            "retain.messaging.retry.max-attempts=3",
            "retain.messaging.retry.first-delay=1m",
            "retain.messaging.frequency-cap=2/7d",
            "retain.messaging.sms.quiet-hours=21:00-09:00",
            "retain.messaging.sms.token=sms-test-token",
            "retain.messaging.webhook.secret=webhook-test-secret",
            "retain.messaging.sms-cost=0.05",
            "retain.public-base-url=https://retain.example.com",
            "retain.messaging.email.from=Retain <shop@retain.example.com>"
        })
@Import({MessagingTestServers.class, CapturedMessageEvents.class})
@Tag("embedded")
@interface MessagingTest {}

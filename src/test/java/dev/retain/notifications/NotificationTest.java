package dev.retain.notifications;

import dev.retain.IntegrationTest;
import dev.retain.messaging.MessagingTestServers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The server on a database of its own, with a clock the test moves and a real SMTP server (GreenMail): the producer
 * looks at every customer, so its runs are played where no other test's customers are, and only when the test says
 * (the scheduled runs are off).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(
        properties = {
            "retain.data-dir=target/test-data-notifications",
            "retain.notifications.frequent-cron=-",
            "retain.notifications.daily-cron=-",
            "retain.notifications.digest-cron=-",
            "retain.notifications.contract-field=" + NotificationFixtures.CONTRACT_FIELD,
            "retain.notifications.contract-days=30",
            "retain.notifications.birthday-days=3",
            "retain.public-base-url=https://retain.example.com",
            "retain.notifications.digest-language=en"
        })
@Import(MessagingTestServers.class)
@Tag("embedded")
@interface NotificationTest {}

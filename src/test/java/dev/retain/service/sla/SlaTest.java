package dev.retain.service.sla;

import dev.retain.IntegrationTest;
import dev.retain.messaging.MovableClock;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The server on a database of its own with a clock the test moves: SLA policies are company-wide settings and the
 * escalation run covers every ticket, so SLA days are played where no other test's tickets are, and the escalation
 * and notification runs only when the test says.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(
        properties = {
            "retain.data-dir=target/test-data-sla",
            "retain.service.sla.cron=-",
            "retain.notifications.frequent-cron=-",
            "retain.notifications.daily-cron=-"
        })
@Import({SlaTest.MovedClock.class, SlaFixtures.class})
@Tag("embedded")
@interface SlaTest {

    @TestConfiguration(proxyBeanMethods = false)
    class MovedClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}

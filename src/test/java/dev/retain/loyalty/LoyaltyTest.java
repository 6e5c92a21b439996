package dev.retain.loyalty;

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
 * The server on a database of its own with a clock the test moves: the programme's settings and the nightly run cover
 * every member, and points become spendable and expire as days pass, so the programme's days are played where no
 * other test's customers are, and the nightly run only when the test says.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {"retain.data-dir=target/test-data-loyalty", "retain.loyalty.nightly-cron=-"})
@Import(LoyaltyTest.MovedClock.class)
@Tag("embedded")
@interface LoyaltyTest {

    @TestConfiguration(proxyBeanMethods = false)
    class MovedClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}

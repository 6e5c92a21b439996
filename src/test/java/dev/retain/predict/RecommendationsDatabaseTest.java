package dev.retain.predict;

import dev.retain.IntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/**
 * The server on an embedded database of its own, so a test may empty it and count support over every buyer by hand;
 * the configured thresholds keep the rules of {@link Baskets} with a lift above 1.1.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(
        properties = {
            "retain.data-dir=target/test-data-recommendations",
            "retain.predict.recommendations.min-support=0.2",
            "retain.predict.recommendations.min-confidence=0.5",
            "retain.predict.recommendations.min-lift=1.1",
            "retain.predict.recommendations.min-customers=2"
        })
@Tag("embedded")
@interface RecommendationsDatabaseTest {}

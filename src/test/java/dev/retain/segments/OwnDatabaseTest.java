package dev.retain.segments;

import dev.retain.IntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The server on an embedded database of its own, so a test may empty it and compute figures over the whole customer
 * base by hand; events the segments module publishes are captured.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = "retain.data-dir=target/test-data-segmentation")
@Import(CapturedEvents.class)
@Tag("embedded")
@interface OwnDatabaseTest {}

package dev.retain.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The server as {@code ./retain demo} starts it, on a database of its own, with a smaller company and a shorter past
 * than the default. Every test class with it shares the one generated company.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "retain.demo.enabled=true",
            "retain.demo.customers=2000",
            "retain.demo.past-days=70",
            "retain.data-dir=target/test-data-demo"
        })
@Tag("embedded")
public @interface DemoCompanyTest {}

package dev.retain.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** In the demo, every module reads the demo clock, which the company's past sets back and brings to now again. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class DemoTime {

    @Bean
    @Primary
    DemoClock demoClock() {
        return new DemoClock();
    }
}

package dev.retain.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time is explicit: every component asks the {@link Clock}, so tests and the demo can move it. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CompanyZone companyZone(@Value("${retain.time-zone}") ZoneId zone) {
        return new CompanyZone(zone);
    }
}

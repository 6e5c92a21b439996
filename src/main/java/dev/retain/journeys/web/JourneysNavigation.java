package dev.retain.journeys.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Journeys in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class JourneysNavigation {

    @Bean
    NavigationItem journeysItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/journeys", "nav.journeys", 45);
    }
}

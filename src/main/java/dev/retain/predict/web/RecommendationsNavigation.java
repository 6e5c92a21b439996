package dev.retain.predict.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Product recommendations in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class RecommendationsNavigation {

    @Bean
    NavigationItem recommendationsItem() {
        return new NavigationItem(NavigationGroup.INSIGHTS, "/recommendations", "nav.recommendations", 42);
    }
}

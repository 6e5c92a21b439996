package dev.retain.predict.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The prediction models' page in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class PredictNavigation {

    @Bean
    NavigationItem predictItem() {
        return new NavigationItem(NavigationGroup.INSIGHTS, "/predict", "nav.predict", 40);
    }
}

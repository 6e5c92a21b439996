package dev.retain.analytics.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard, first in the navigation: what a manager opens every morning. */
@Configuration(proxyBeanMethods = false)
class AnalyticsNavigation {

    @Bean
    NavigationItem analyticsItem() {
        return new NavigationItem(NavigationGroup.INSIGHTS, "/analytics", "nav.analytics", 5);
    }
}

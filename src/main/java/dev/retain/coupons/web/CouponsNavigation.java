package dev.retain.coupons.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Coupons in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class CouponsNavigation {

    @Bean
    NavigationItem couponsItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/coupons", "nav.coupons", 50);
    }
}

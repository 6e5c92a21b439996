package dev.retain.sales.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public pools under Sales, for the sales team and those who lead it. */
@Configuration(proxyBeanMethods = false)
class PoolNavigation {

    @Bean
    NavigationItem poolsNavigation() {
        return new NavigationItem(
                NavigationGroup.SALES, "/sales/pools", "nav.pools", 210, Set.of(Role.ADMIN, Role.MANAGER, Role.SALES));
    }
}

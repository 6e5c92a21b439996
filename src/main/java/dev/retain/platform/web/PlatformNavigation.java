package dev.retain.platform.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's own navigation entries: home and the admin pages. */
@Configuration(proxyBeanMethods = false)
class PlatformNavigation {

    @Bean
    NavigationItem homeNavigation() {
        return new NavigationItem(NavigationGroup.WORKBENCH, "/", "nav.home", 0);
    }

    @Bean
    NavigationItem usersNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/users", "nav.users", 900, Set.of(Role.ADMIN));
    }

    @Bean
    NavigationItem apiKeysNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/api-keys", "nav.apiKeys", 910, Set.of(Role.ADMIN));
    }

    @Bean
    NavigationItem auditNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/audit", "nav.audit", 950, Set.of(Role.ADMIN));
    }
}

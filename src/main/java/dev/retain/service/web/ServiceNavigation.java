package dev.retain.service.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ticket list in the service group, and the desk's settings for admins and managers. */
@Configuration(proxyBeanMethods = false)
class ServiceNavigation {

    @Bean
    NavigationItem ticketsItem() {
        return new NavigationItem(
                NavigationGroup.SERVICE,
                "/tickets",
                "nav.tickets",
                10,
                Set.of(Role.ADMIN, Role.MANAGER, Role.SERVICE, Role.SALES));
    }

    @Bean
    NavigationItem serviceSettingsItem() {
        return new NavigationItem(
                NavigationGroup.SERVICE,
                "/service/settings",
                "nav.serviceSettings",
                90,
                Set.of(Role.ADMIN, Role.MANAGER));
    }
}

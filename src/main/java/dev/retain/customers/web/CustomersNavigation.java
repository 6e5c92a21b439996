package dev.retain.customers.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customers module's place in the sidebar: the customer list and duplicates, and custom fields and personal-data settings for admins. */
@Configuration(proxyBeanMethods = false)
class CustomersNavigation {

    @Bean
    NavigationItem customerListNavigation() {
        return new NavigationItem(NavigationGroup.CUSTOMERS, "/customers", "nav.customers", 10);
    }

    @Bean
    NavigationItem duplicatesNavigation() {
        return new NavigationItem(NavigationGroup.CUSTOMERS, "/customers/duplicates", "nav.duplicates", 15);
    }

    @Bean
    NavigationItem personalDataNavigation() {
        return new NavigationItem(
                NavigationGroup.SETTINGS, "/admin/personal-data", "nav.personalData", 935, Set.of(Role.ADMIN));
    }

    @Bean
    NavigationItem customFieldsNavigation() {
        return new NavigationItem(
                NavigationGroup.SETTINGS, "/admin/custom-fields", "nav.customFields", 930, Set.of(Role.ADMIN));
    }
}

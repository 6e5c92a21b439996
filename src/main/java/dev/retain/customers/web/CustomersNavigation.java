package dev.retain.customers.web;

import dev.retain.customers.Customers;
import dev.retain.platform.HomeFigure;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customers module's place in the navigation and on the home page. */
@Configuration(proxyBeanMethods = false)
class CustomersNavigation {

    @Bean
    NavigationItem customerListNavigation() {
        return new NavigationItem("/customers", "nav.customers", 10);
    }

    @Bean
    NavigationItem duplicatesNavigation() {
        return new NavigationItem("/customers/duplicates", "nav.duplicates", 15);
    }

    @Bean
    NavigationItem customFieldsNavigation() {
        return new NavigationItem("/admin/custom-fields", "nav.customFields", 930, Set.of(Role.ADMIN));
    }

    @Bean
    HomeFigure customerFigures(Customers customers) {
        return () -> List.of(new HomeFigure.Figure(
                "home.customers",
                NumberFormat.getIntegerInstance(Locale.ROOT).format(customers.count()),
                "/customers",
                10));
    }
}

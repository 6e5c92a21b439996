package dev.retain.loyalty.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The points programme's settings under Settings, for admins. */
@Configuration(proxyBeanMethods = false)
class LoyaltyNavigation {

    @Bean
    NavigationItem loyaltyProgrammeNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/loyalty", "nav.loyalty", 945, Set.of(Role.ADMIN));
    }
}

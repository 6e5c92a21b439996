package dev.retain.sales.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The opportunities board in the sales group, and the funnel's settings for admins. */
@Configuration(proxyBeanMethods = false)
class OpportunitiesNavigation {

    @Bean
    NavigationItem opportunityBoardItem() {
        return new NavigationItem(
                NavigationGroup.SALES,
                "/opportunities",
                "nav.opportunities",
                20,
                Set.of(Role.ADMIN, Role.MANAGER, Role.SALES));
    }

    @Bean
    NavigationItem opportunityStagesItem() {
        return new NavigationItem(
                NavigationGroup.SETTINGS,
                "/admin/opportunity-stages",
                "nav.opportunityStages",
                935,
                Set.of(Role.ADMIN));
    }
}

package dev.retain.platform.teams;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The teams' entry under Settings, for admins. */
@Configuration(proxyBeanMethods = false)
class TeamNavigation {

    @Bean
    NavigationItem teamsNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/teams", "nav.teams", 905, Set.of(Role.ADMIN));
    }
}

package dev.retain.platform.jobs;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scheduled jobs' entry under Settings, for admins. */
@Configuration(proxyBeanMethods = false)
class JobsNavigation {

    @Bean
    NavigationItem scheduledJobsNavigation() {
        return new NavigationItem(NavigationGroup.SETTINGS, "/admin/jobs", "nav.jobs", 960, Set.of(Role.ADMIN));
    }
}

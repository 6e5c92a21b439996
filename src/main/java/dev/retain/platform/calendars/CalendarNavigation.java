package dev.retain.platform.calendars;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The business calendars' entry under Settings, for admins. */
@Configuration(proxyBeanMethods = false)
class CalendarNavigation {

    @Bean
    NavigationItem calendarsNavigation() {
        return new NavigationItem(
                NavigationGroup.SETTINGS, "/admin/calendars", "nav.calendars", 920, Set.of(Role.ADMIN));
    }
}

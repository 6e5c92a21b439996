package dev.retain.service.dispatch;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Service → Dispatch, for admins and managers. */
@Configuration(proxyBeanMethods = false)
class DispatchNavigation {

    @Bean
    NavigationItem dispatchItem() {
        return new NavigationItem(
                NavigationGroup.SERVICE, "/service/dispatch", "nav.dispatch", 80, Set.of(Role.ADMIN, Role.MANAGER));
    }
}

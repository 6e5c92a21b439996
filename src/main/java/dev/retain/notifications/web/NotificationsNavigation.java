package dev.retain.notifications.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "My day" in the workbench, right after home; the notifications themselves are reached from the bell. */
@Configuration(proxyBeanMethods = false)
class NotificationsNavigation {

    @Bean
    NavigationItem myDayNavigation() {
        return new NavigationItem(NavigationGroup.WORKBENCH, "/my-day", "nav.myDay", 5, MyDayController.ROLES);
    }
}

package dev.retain.messaging.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Messages (templates, delivery log, dead letters, suppressions) in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class MessagingNavigation {

    @Bean
    NavigationItem messagesItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/messages", "nav.messages", 55);
    }
}

package dev.retain.messaging.web;

import dev.retain.messaging.Outbox;
import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Messages (templates, delivery log, dead letters, suppressions, the outbox) in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class MessagingNavigation {

    @Bean
    NavigationItem messagesItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/messages", "nav.messages", 55);
    }

    /** Where messages go while the outbox is on (as in the demo): in plain sight. */
    @Bean
    @ConditionalOnProperty(name = Outbox.PROPERTY, havingValue = "true")
    NavigationItem outboxItem() {
        return new NavigationItem(
                NavigationGroup.ENGAGEMENT,
                "/messages/outbox",
                "nav.outbox",
                56,
                Set.of(Role.ADMIN, Role.MANAGER, Role.MARKETER));
    }
}

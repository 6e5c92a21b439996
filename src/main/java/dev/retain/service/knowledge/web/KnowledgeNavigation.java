package dev.retain.service.knowledge.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The knowledge base under Service, for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class KnowledgeNavigation {

    @Bean
    NavigationItem knowledgeBaseNavigation() {
        return new NavigationItem(NavigationGroup.SERVICE, "/service/knowledge", "nav.knowledge", 380);
    }
}

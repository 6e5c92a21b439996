package dev.retain.ingest.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imports in the sidebar, for the teams that bring data in (the roles its page lets in). */
@Configuration(proxyBeanMethods = false)
class IngestNavigation {

    @Bean
    NavigationItem importsNavigation() {
        return new NavigationItem(
                NavigationGroup.CUSTOMERS,
                "/imports",
                "nav.imports",
                20,
                Set.of(Role.ADMIN, Role.MANAGER, Role.MARKETER));
    }
}

package dev.retain.ingest.web;

import dev.retain.ingest.DataQuality;
import dev.retain.platform.HomeFigure;
import dev.retain.platform.NavigationItem;
import dev.retain.platform.Role;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imports in the navigation, for the teams that bring data in, and open data-quality alerts on the home page. */
@Configuration(proxyBeanMethods = false)
class IngestNavigation {

    @Bean
    HomeFigure dataQualityFigure(DataQuality dataQuality) {
        return () -> List.of(new HomeFigure.Figure(
                "home.alerts", Integer.toString(dataQuality.open().size()), "/imports", 50));
    }

    @Bean
    NavigationItem importsNavigation() {
        return new NavigationItem("/imports", "nav.imports", 20, Set.of(Role.ADMIN, Role.MANAGER, Role.MARKETER));
    }
}

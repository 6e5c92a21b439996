package dev.retain.segments.web;

import dev.retain.platform.NavigationGroup;
import dev.retain.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Segments and tags, and RFM, in the navigation for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class SegmentsNavigation {

    @Bean
    NavigationItem segmentsItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/segments", "nav.segments", 30);
    }

    @Bean
    NavigationItem rfmItem() {
        return new NavigationItem(NavigationGroup.ENGAGEMENT, "/rfm", "nav.rfm", 35);
    }
}

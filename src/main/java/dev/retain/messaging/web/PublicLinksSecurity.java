package dev.retain.messaging.web;

import dev.retain.platform.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The links in messages are opened by customers, who have no account: {@code /t/**} (tracking) and {@code /u/**}
 * (unsubscribe) need no sign-in and no CSRF token — the signed token in the path is the proof, and mail clients'
 * one-click unsubscribe POSTs carry nothing else. The unsubscribe page gets the same headers as every page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PublicLinksSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain messageLinks(HttpSecurity http) throws Exception {
        return http.securityMatcher("/t/**", "/u/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.everywhere())
                .build();
    }
}

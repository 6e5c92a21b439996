package dev.retain.service.knowledge.web;

import dev.retain.platform.SecurityHeaders;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The customer portal asks for article suggestions while a customer, who has no account, types: {@code
 * /public/knowledge/**} needs no sign-in, keeps no session, and answers reads only (published public articles).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PublicKnowledgeSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain publicKnowledge(HttpSecurity http) throws Exception {
        return http.securityMatcher("/public/knowledge/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.everywhere())
                .build();
    }
}

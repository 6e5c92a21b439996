package dev.retain.customers.web;

import dev.retain.customers.Customers;
import dev.retain.platform.ViewerScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every route about one customer ({@code /customers/{id}…}, {@code /api/v1/customers/{id}…}), whichever module
 * answers it, first finds that customer within the viewer's data scope: one the viewer may not see is "not found",
 * for a list of its facts too, rather than an empty answer that says it exists. Viewers who see everyone skip this, and
 * so do routes the viewer's roles may not call at all: those answer 403 from method security, as for any customer.
 */
@Configuration(proxyBeanMethods = false)
class CustomerRoutesInScope implements WebMvcConfigurer, HandlerInterceptor {

    private final Customers customers;
    private final PreAuthorizeAuthorizationManager roleRules = new PreAuthorizeAuthorizationManager();

    CustomerRoutesInScope(Customers customers) {
        this.customers = customers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/customers/*", "/customers/*/**", "/api/v1/customers/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (!ViewerScope.current().everything()
                && pattern instanceof String route
                && (route.startsWith("/customers/{id}") || route.startsWith("/api/v1/customers/{id}"))
                && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id
                && id.chars().allMatch(Character::isDigit)
                && !id.isEmpty()
                && mayCall(handler)) {
            customers.find(Long.parseLong(id));
        }
        return true;
    }

    private boolean mayCall(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        var call = new SimpleMethodInvocation(method.getBean(), method.getMethod());
        var decision = roleRules.authorize(SecurityContextHolder.getContext()::getAuthentication, call);
        return decision == null || decision.isGranted();
    }
}

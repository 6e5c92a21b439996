package dev.retain.platform;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route the server answers, read from Spring MVC's handler mappings (controllers, actuator, API docs), so a new
 * endpoint is covered by the security tests without anyone listing it.
 */
final class ApplicationRoutes {

    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}");

    /** One method on one path pattern, as {@code GET /customers/{id}}. */
    record Route(String method, String pattern) {

        /** A path the pattern matches: variables and wildcards filled with {@code 1}. */
        String samplePath() {
            return VARIABLE.matcher(pattern).replaceAll("1").replace("**", "1").replace("*", "1");
        }

        boolean isApi() {
            return pattern.startsWith("/api/v1/") || pattern.equals("/actuator") || pattern.startsWith("/actuator/");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private ApplicationRoutes() {}

    /** The routes of the mappings given; a mapping without a method restriction counts as GET. */
    static List<Route> of(Collection<RequestMappingInfoHandlerMapping> mappings) {
        Set<Route> routes = new TreeSet<>(Comparator.comparing(Route::pattern).thenComparing(Route::method));
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add(new Route("GET", pattern));
                    }
                    methods.forEach(method -> routes.add(new Route(method.name(), pattern)));
                }
            }
        }
        return List.copyOf(routes);
    }
}

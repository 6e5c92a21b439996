package dev.retain.platform.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.StorableText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The request's parameters and path variables are {@link StorableText storable} ({@code %00} is how a NUL arrives in
 * a URL), or it is refused with 400 naming them. API requests and uploads are checked on their query string only:
 * reading the parameters would read a multipart body before its controller could answer a too-large upload.
 */
class StorableTextParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> {
                if (value instanceof String text) {
                    StorableText.problemWith(text).ifPresent(problem -> problems.put(String.valueOf(name), problem));
                }
            });
        }
        if (onlyTheQueryString(request)) {
            checkQueryString(request.getQueryString(), problems);
        } else {
            request.getParameterMap().forEach((name, values) -> {
                for (String value : values) {
                    StorableText.problemWith(value).ifPresent(problem -> problems.putIfAbsent(name, problem));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return true;
    }

    private static boolean onlyTheQueryString(HttpServletRequest request) {
        String contentType = request.getContentType();
        return request.getRequestURI().startsWith("/api/")
                || (contentType != null
                        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
    }

    private static void checkQueryString(String query, Map<String, String> problems) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                StorableText.problemWith(name + value).ifPresent(problem -> problems.putIfAbsent(name, problem));
            } catch (IllegalArgumentException e) {
                // Malformed escapes: the servlet container refuses the parameter itself.
            }
        }
    }
}

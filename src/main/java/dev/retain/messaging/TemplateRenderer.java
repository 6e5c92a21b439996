package dev.retain.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a template's placeholders from a context of nested maps. In HTML every value is escaped, so a customer's name
 * cannot inject markup; a list (the recommendations) becomes {@code <ul>} in HTML and one line in text. A missing or
 * blank value takes the placeholder's default, else renders empty; malformed placeholders stay as written.
 */
final class TemplateRenderer {

    enum Format {
        HTML,
        TEXT
    }

    private TemplateRenderer() {}

    static String render(String template, Map<String, Object> context, Format format, Locale locale) {
        var out = new StringBuilder();
        for (Placeholders.Part part : Placeholders.parse(template)) {
            if (part.literal()) {
                out.append(part.text());
            } else if (part.path() == null) {
                out.append(part.fallback());
            } else {
                out.append(value(resolve(context, part.path()), part.fallback(), format, locale));
            }
        }
        return out.toString();
    }

    static Object resolve(Map<String, Object> context, String path) {
        Object current = context;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    private static String value(Object value, String fallback, Format format, Locale locale) {
        if (value instanceof List<?> items && !items.isEmpty()) {
            return list(items, format, locale);
        }
        String text = value == null || value instanceof List<?> ? "" : value.toString();
        if (text.isBlank()) {
            text = fallback == null ? "" : fallback;
        }
        return format == Format.HTML ? escape(text) : text;
    }

    private static String list(List<?> items, Format format, Locale locale) {
        List<String> names = items.stream().map(TemplateRenderer::itemName).toList();
        if (format == Format.HTML) {
            return names.stream()
                    .map(name -> "<li>" + escape(name) + "</li>")
                    .collect(Collectors.joining("", "<ul>", "</ul>"));
        }
        return String.join(locale.getLanguage().equals("zh") ? "、" : ", ", names);
    }

    private static String itemName(Object item) {
        if (item instanceof Map<?, ?> map) {
            Object name = map.get("name") != null ? map.get("name") : map.get("sku");
            return name == null ? "" : name.toString();
        }
        return String.valueOf(item);
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

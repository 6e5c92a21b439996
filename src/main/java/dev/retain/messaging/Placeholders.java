package dev.retain.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders in a template text: {@code {{path}}} or {@code {{path | default: "text"}}}. Nothing else is
 * understood, so a template can never run code; anything else between braces is kept as written and reported.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)\\s*(?:\\|\\s*default\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?");

    /** A piece of a template: literal text, or a placeholder ({@code path} null when malformed). */
    record Part(String text, String path, String fallback) {

        boolean literal() {
            return text != null;
        }
    }

    private Placeholders() {}

    static List<Part> parse(String template) {
        var parts = new ArrayList<Part>();
        if (template == null) {
            return parts;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                parts.add(new Part(template.substring(at, matcher.start()), null, null));
            }
            Matcher expression = EXPRESSION.matcher(matcher.group(1));
            if (expression.matches()) {
                String fallback = expression.group(2) == null ? null : unescape(expression.group(2));
                parts.add(new Part(null, expression.group(1), fallback));
            } else {
                parts.add(new Part(null, null, matcher.group()));
            }
            at = matcher.end();
        }
        if (at < template.length()) {
            parts.add(new Part(template.substring(at), null, null));
        }
        return parts;
    }

    /** Every placeholder's path, or its raw text when it is not one the engine understands. */
    static List<String> paths(String template) {
        return parse(template).stream()
                .filter(part -> !part.literal())
                .map(part -> part.path() != null ? part.path() : part.fallback())
                .toList();
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }
}

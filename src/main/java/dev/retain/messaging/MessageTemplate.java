package dev.retain.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A message's text for one channel and language. EMAIL bodies are HTML and need a subject; SMS and WEBHOOK bodies are
 * plain text. {@code unknownVariables} lists placeholders that would not resolve (a typo, a custom field not defined).
 */
public record MessageTemplate(
        long id,
        String name,
        Channel channel,
        String locale,
        String subject,
        String body,
        List<String> unknownVariables,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** Whether the subject or body uses {@code variable} or a part of it ({@code coupon} for {{coupon.code}}). */
    public boolean uses(String variable) {
        return uses(subject, variable) || uses(body, variable);
    }

    private static boolean uses(String text, String variable) {
        if (text == null || !text.contains(variable)) {
            return false;
        }
        return Placeholders.paths(text).stream()
                .anyMatch(path -> path.equals(variable) || path.startsWith(variable + "."));
    }

    public Locale javaLocale() {
        return Locale.forLanguageTag(locale);
    }
}

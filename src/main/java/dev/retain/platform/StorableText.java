package dev.retain.platform;

import java.util.Optional;

/**
 * Text a column can hold exactly as it was sent. PostgreSQL's text cannot hold a NUL character, and a lone UTF-16
 * surrogate (which JSON can spell as {@code \ud800}) is no character at all: the driver would store it as "?". Both
 * are refused where text comes in, naming the field, instead of failing deep inside a statement or being changed
 * silently.
 */
public final class StorableText {

    private StorableText() {}

    /** Why the text cannot be stored as it is, or empty when it can. */
    public static Optional<String> problemWith(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (\\u0000), which text cannot hold");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(
                        String.format("contains an unpaired surrogate (\\u%04x), which is not a character", (int) c));
            }
        }
        return Optional.empty();
    }
}

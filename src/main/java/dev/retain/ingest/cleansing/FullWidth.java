package dev.retain.ingest.cleansing;

/**
 * Chinese input methods type full-width letters, digits and signs ({@code １２３，ＡＢＣ（）}); every reader turns them into
 * ASCII first so it only has one alphabet to understand. Sentence punctuation such as {@code 。} and {@code 、} has no
 * ASCII twin and is left alone.
 */
public final class FullWidth {

    private static final char FIRST = '\uFF01';
    private static final char LAST = '\uFF5E';
    private static final int SHIFT = 0xFEE0;
    private static final char IDEOGRAPHIC_SPACE = '\u3000';

    private FullWidth() {}

    /** Maps U+FF01–U+FF5E to U+0021–U+007E and U+3000 to a space; returns {@code s} itself when nothing maps. */
    public static String toHalfWidth(String s) {
        int length = s.length();
        int i = 0;
        while (i < length && !isFullWidth(s.charAt(i))) {
            i++;
        }
        if (i == length) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < length; i++) {
            char c = chars[i];
            if (c >= FIRST && c <= LAST) {
                chars[i] = (char) (c - SHIFT);
            } else if (c == IDEOGRAPHIC_SPACE) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean isFullWidth(char c) {
        return (c >= FIRST && c <= LAST) || c == IDEOGRAPHIC_SPACE;
    }
}

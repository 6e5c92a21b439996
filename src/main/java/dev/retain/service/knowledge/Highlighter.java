package dev.retain.service.knowledge;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Marks what a query matched in a hit's title and in a snippet of its body: the text is HTML-escaped and each match
 * wrapped in {@code <mark>}, so the result can be shown as it is. Matching runs on the normalised text ({@link
 * SearchText#normalise}) and is mapped back to the text as written, so a full-width "ＩＮＶＯＩＣＥ" is marked for
 * "invoice".
 */
final class Highlighter {

    static final int SNIPPET = 120;
    private static final int BEFORE = 30;

    private Highlighter() {}

    /** The whole text, escaped, with the matches marked. */
    static String mark(String text, List<String> needles) {
        Folded folded = Folded.of(text);
        boolean[] marked = folded.marks(needles);
        return render(text, marked, 0, text.length());
    }

    /**
     * About {@link #SNIPPET} characters of the text around its first match (its start when nothing matches), escaped,
     * the matches marked, "…" where it was cut.
     */
    static String snippet(String text, List<String> needles) {
        String flat = text.replaceAll("\\s+", " ").strip();
        Folded folded = Folded.of(flat);
        boolean[] marked = folded.marks(needles);
        int first = 0;
        while (first < marked.length && !marked[first]) {
            first++;
        }
        int start = first == marked.length ? 0 : Math.max(0, first - BEFORE);
        if (start > 0 && Character.isLowSurrogate(flat.charAt(start))) {
            start--;
        }
        int end = Math.min(flat.length(), start + SNIPPET);
        if (end < flat.length() && Character.isLowSurrogate(flat.charAt(end))) {
            end++;
        }
        return (start > 0 ? "…" : "") + render(flat, marked, start, end) + (end < flat.length() ? "…" : "");
    }

    private static String render(String text, boolean[] marked, int start, int end) {
        StringBuilder html = new StringBuilder();
        int i = start;
        while (i < end) {
            int j = i;
            while (j < end && marked[j] == marked[i]) {
                j++;
            }
            String escaped = HtmlUtils.htmlEscape(text.substring(i, j));
            html.append(marked[i] ? "<mark>" + escaped + "</mark>" : escaped);
            i = j;
        }
        return html.toString();
    }

    /** The text normalised code point by code point, each normalised char knowing the original chars it came from. */
    private record Folded(String text, int[] from, int[] to, int length) {

        static Folded of(String original) {
            StringBuilder folded = new StringBuilder();
            int[] from = new int[original.length() * 4 + 4];
            int[] to = new int[from.length];
            for (int i = 0; i < original.length(); ) {
                int cp = original.codePointAt(i);
                int next = i + Character.charCount(cp);
                String part = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT);
                if (Character.isWhitespace(cp)) {
                    part = " ";
                }
                for (int k = 0; k < part.length(); k++) {
                    int at = folded.length();
                    if (at >= from.length) {
                        from = java.util.Arrays.copyOf(from, at * 2);
                        to = java.util.Arrays.copyOf(to, at * 2);
                    }
                    from[at] = i;
                    to[at] = next;
                    folded.append(part.charAt(k));
                }
                i = next;
            }
            return new Folded(folded.toString(), from, to, original.length());
        }

        boolean[] marks(List<String> needles) {
            boolean[] marked = new boolean[length];
            for (String needle : needles) {
                if (needle.isEmpty()) {
                    continue;
                }
                for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
                    for (int k = from[at]; k < to[at + needle.length() - 1]; k++) {
                        marked[k] = true;
                    }
                }
            }
            return marked;
        }
    }
}

package dev.retain.service.knowledge;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the knowledge base reads text for its search, the same way for articles and for queries. Text is normalised
 * (NFKC, so full-width letters and digits become plain ones; lower case; one space between pieces), then cut into runs
 * of CJK characters and words of other letters and digits; everything else separates them.
 *
 * <p>An article is indexed by every CJK character, every pair of neighbouring CJK characters, and every prefix of each
 * word up to {@link #MAX_PREFIX} letters. A query looks up each pair of its CJK runs (a run of one character: that
 * character) and each word (its first {@link #MAX_PREFIX} letters), so "退货" finds "退货流程", "inv" finds "invoice",
 * and a one-character query still finds something, which trigrams cannot do.
 */
public final class SearchText {

    /** Prefixes of words are indexed up to this length; longer query words are looked up by their first letters. */
    static final int MAX_PREFIX = 12;

    /** A query looks up at most this many tokens (a ticket's text can be long). */
    static final int MAX_TERMS = 32;

    /** English words too common to tell articles apart; dropped from a query unless it has nothing else. */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in", "is",
            "it", "my", "of", "on", "or", "the", "to", "what", "when", "where", "why", "with", "you", "your");

    private SearchText() {}

    /** NFKC, lower case, whitespace runs as one space, stripped. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("\\s+", " ").strip();
    }

    /** The tokens an article's text is indexed by, each once, sorted. */
    public static List<String> documentTokens(String text) {
        Set<String> tokens = new TreeSet<>();
        for (Piece piece : pieces(normalise(text))) {
            if (piece.cjk()) {
                int[] cps = piece.text().codePoints().toArray();
                for (int i = 0; i < cps.length; i++) {
                    tokens.add(new String(cps, i, 1));
                    if (i + 1 < cps.length) {
                        tokens.add(new String(cps, i, 2));
                    }
                }
            } else {
                int[] cps = piece.text().codePoints().toArray();
                for (int n = 1; n <= Math.min(cps.length, MAX_PREFIX); n++) {
                    tokens.add(new String(cps, 0, n));
                }
            }
        }
        return List.copyOf(tokens);
    }

    /** A query read for the search. */
    public static Query query(String text) {
        String phrase = normalise(text);
        List<Piece> pieces = pieces(phrase);
        List<Piece> kept = pieces.stream()
                .filter(piece -> piece.cjk() || !STOP_WORDS.contains(piece.text()))
                .toList();
        if (kept.isEmpty()) {
            kept = pieces;
        }
        Set<String> parts = new LinkedHashSet<>();
        Set<String> lookups = new LinkedHashSet<>();
        Set<String> terms = new LinkedHashSet<>();
        for (Piece piece : kept) {
            parts.add(piece.text());
            int[] cps = piece.text().codePoints().toArray();
            if (piece.cjk()) {
                if (cps.length == 1) {
                    lookups.add(piece.text());
                    terms.add(piece.text());
                }
                for (int i = 0; i + 1 < cps.length; i++) {
                    String pair = new String(cps, i, 2);
                    lookups.add(pair);
                    terms.add(pair);
                }
            } else {
                lookups.add(new String(cps, 0, Math.min(cps.length, MAX_PREFIX)));
                terms.add(piece.text());
            }
        }
        return new Query(phrase, limit(parts), limit(lookups), limit(terms));
    }

    private static List<String> limit(Set<String> values) {
        return values.stream().limit(MAX_TERMS).toList();
    }

    /**
     * A query: the whole normalised text ({@code phrase}), its runs and words ({@code parts}), the index tokens that
     * find candidates ({@code lookups}) and the pieces that score them ({@code terms}: CJK pairs, single characters,
     * whole words).
     */
    public record Query(String phrase, List<String> parts, List<String> lookups, List<String> terms) {

        public boolean isEmpty() {
            return lookups.isEmpty();
        }

        /** What to mark in the text of a hit: the parts, and the pairs of a part not found whole. */
        public List<String> needles() {
            List<String> needles = new ArrayList<>(parts);
            terms.stream().filter(term -> !needles.contains(term)).forEach(needles::add);
            return needles;
        }
    }

    record Piece(String text, boolean cjk) {}

    static List<Piece> pieces(String normalised) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Boolean currentCjk = null;
        for (int i = 0; i < normalised.length(); ) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            Boolean kind = isCjk(cp) ? Boolean.TRUE : Character.isLetterOrDigit(cp) ? Boolean.FALSE : null;
            if (kind == null || !kind.equals(currentCjk)) {
                if (!current.isEmpty()) {
                    pieces.add(new Piece(current.toString(), currentCjk));
                    current.setLength(0);
                }
                currentCjk = kind;
            }
            if (kind != null) {
                current.appendCodePoint(cp);
            }
        }
        if (!current.isEmpty()) {
            pieces.add(new Piece(current.toString(), currentCjk));
        }
        return pieces;
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}

package dev.retain.platform;

import java.util.List;
import java.util.Set;

/**
 * A block of the home page, for the people whose work it serves. Each module implements its own blocks in its web
 * package, reading through its own API; the home page shows the blocks meant for any of the signed-in user's roles, in
 * the order of their {@link Heading}, each rendered by one generic fragment from its {@link Content}.
 */
public interface HomeBlock {

    /**
     * Who sees the block ({@code roles}: its home page shows it to anyone with one of them), where it stands on the page
     * (smallest {@code order} first), its title, and what it says when it has nothing to show ("No tasks due today"),
     * so that it never silently disappears.
     */
    record Heading(Set<Role> roles, int order, String titleKey, String emptyKey) {}

    Heading heading();

    /** The page that acts on the block's content, for this viewer. */
    String link(UserAccount viewer);

    Content contentFor(UserAccount viewer);

    /** Figures ("Revenue ¥12,000, +5.0%") and linked rows ("Call back · Zhang Wei — overdue since 12-01"). */
    record Content(List<Figure> figures, List<Row> rows) {

        public static Content ofFigures(List<Figure> figures) {
            return new Content(figures, List.of());
        }

        public static Content ofRows(List<Row> rows) {
            return new Content(List.of(), rows);
        }

        public boolean isEmpty() {
            return figures.isEmpty() && rows.isEmpty();
        }
    }

    /** A named value with its change against a comparison period, if any ({@code change} null). */
    record Figure(String labelKey, String value, String change, Tone tone, String link) {}

    /** A line of data (a customer's or a journey's name) with a translated note and the page that acts on it. */
    record Row(String text, String link, Note note, Tone tone) {}

    /** A message key and its arguments, translated when the page is rendered. */
    record Note(String key, List<Object> args) {

        public static Note of(String key, Object... args) {
            return new Note(key, List.of(args));
        }

        public Object[] argsArray() {
            return args.toArray();
        }
    }

    /** How a row's note or a figure's change reads: good news, bad news, something to do soon, or just a fact. */
    enum Tone {
        NEUTRAL,
        GOOD,
        BAD,
        WARNING
    }
}

package dev.retain.customers;

import dev.retain.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A customer's single timeline: the entries of every {@link TimelineSource} (orders, events, messages, coupons, tasks,
 * notes, journeys, …), newest first, a page at a time. Each source gives at most one page and one entry more; the
 * newest of them make the page, so a page costs one short query per source however long the history is.
 */
@Service
public class CustomerTimeline {

    /** The largest page. */
    public static final int MAX_LIMIT = 200;

    /** "No cursor": later than anything recorded. */
    static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    /** How many entries sharing one instant a page can take in when they alone would overfill it. */
    private static final int MAX_AT_ONE_INSTANT = 1000;

    private static final Comparator<TimelineEntry> NEWEST_FIRST =
            Comparator.comparing(TimelineEntry::at).reversed();

    private final Customers customers;
    private final List<TimelineSource> sources;

    CustomerTimeline(Customers customers, List<TimelineSource> sources) {
        this.customers = customers;
        this.sources = sources.stream()
                .sorted(Comparator.comparingInt(TimelineSource::order).thenComparing(TimelineSource::kind))
                .toList();
    }

    /** The kinds of entries there are, in the order of the page's filters. */
    public List<String> kinds() {
        return sources.stream().map(TimelineSource::kind).distinct().toList();
    }

    /**
     * The customer's entries strictly before {@code before} (the newest when null), newest first, at most {@code
     * limit} (1–{@value #MAX_LIMIT}) of the {@code kinds} given (all when empty). Entries sharing the instant where a
     * page would end go to the next page together, since the cursor is exclusive; the rare page whose entries all
     * share one instant holds all entries of that instant instead (up to a thousand).
     *
     * @throws dev.retain.platform.NotFoundException the customer does not exist
     * @throws InvalidInputException a kind is unknown
     */
    public TimelinePage of(long customerId, Instant before, int limit, Collection<String> kinds) {
        customers.find(customerId);
        List<TimelineSource> asked = selected(kinds);
        Instant cursor = before == null ? END_OF_TIME : before;
        int size = Math.min(Math.max(limit, 1), MAX_LIMIT);
        List<TimelineEntry> newest = merged(asked, customerId, cursor, size + 1);
        if (newest.size() <= size) {
            return new TimelinePage(newest, null);
        }
        Instant cut = newest.get(size).at();
        List<TimelineEntry> page = newest.subList(0, size).stream()
                .filter(entry -> entry.at().isAfter(cut))
                .toList();
        if (page.isEmpty()) {
            page = merged(asked, customerId, cut.plusNanos(1_000), MAX_AT_ONE_INSTANT).stream()
                    .filter(entry -> entry.at().equals(cut))
                    .toList();
        }
        return new TimelinePage(page, page.get(page.size() - 1).at());
    }

    private List<TimelineEntry> merged(List<TimelineSource> asked, long customerId, Instant before, int limit) {
        var all = new ArrayList<TimelineEntry>();
        for (TimelineSource source : asked) {
            all.addAll(source.entries(customerId, before, limit));
        }
        all.sort(NEWEST_FIRST);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    private List<TimelineSource> selected(Collection<String> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            return sources;
        }
        List<String> unknown = kinds.stream()
                .filter(kind ->
                        sources.stream().noneMatch(source -> source.kind().equals(kind)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("kind", "unknown " + unknown + "; one of " + kinds());
        }
        return sources.stream().filter(source -> kinds.contains(source.kind())).toList();
    }
}

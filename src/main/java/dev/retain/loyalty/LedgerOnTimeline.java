package dev.retain.loyalty;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The points ledger on the customer's timeline: each transaction, how the points changed and the balance after. */
@Component
class LedgerOnTimeline implements TimelineSource {

    private final Loyalty loyalty;

    LedgerOnTimeline(Loyalty loyalty) {
        this.loyalty = loyalty;
    }

    @Override
    public String kind() {
        return "points";
    }

    @Override
    public int order() {
        return 55;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return loyalty.linesBefore(customerId, before, limit).stream()
                .map(line -> TimelineEntry.of(
                        line.at(),
                        kind(),
                        line.reason().name().toLowerCase(Locale.ROOT),
                        line.note(),
                        null,
                        signed(change(line)),
                        line.activeAfter(),
                        eventName(line)))
                .toList();
    }

    /** For points of an event: the rule's label, or a preset's event name in the reader's language. */
    private static Object eventName(LedgerLine line) {
        if (line.reason() != LoyaltyReason.EVENT || line.note() == null) {
            return null;
        }
        return EventPreset.ofEvent(line.note())
                .<Object>map(preset -> TimelineEntry.translated("loyalty.eventPreset." + preset.name()))
                .orElse(line.note());
    }

    /** What the member sees change: all their points, or for an activation the points that became spendable. */
    private static long change(LedgerLine line) {
        return line.reason() == LoyaltyReason.ACTIVATION
                ? line.activeChange()
                : line.activeChange() + line.pendingChange();
    }

    private static String signed(long points) {
        return points > 0 ? "+" + points : Long.toString(points);
    }
}

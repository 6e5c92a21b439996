package dev.retain.sales;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Follow-ups on the customer's timeline: how, by whom, what was said and how it went. */
@Component
class FollowUpsOnTimeline implements TimelineSource {

    private final FollowUps followUps;

    FollowUpsOnTimeline(FollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public String kind() {
        return "followup";
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return followUps.of(customerId, before, limit).stream()
                .map(followUp -> TimelineEntry.of(
                        followUp.createdAt(),
                        kind(),
                        "recorded",
                        followUp.outcome() == null
                                ? followUp.content()
                                : followUp.content() + "\n→ " + followUp.outcome(),
                        null,
                        followUp.author(),
                        TimelineEntry.translated("sales.followUp.kind." + followUp.kind())))
                .toList();
    }
}

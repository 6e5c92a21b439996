package dev.retain.customers;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Notes on the timeline: who wrote them, with their text. */
@Component
class NotesOnTimeline implements TimelineSource {

    private final CustomerNotes notes;

    NotesOnTimeline(CustomerNotes notes) {
        this.notes = notes;
    }

    @Override
    public String kind() {
        return "note";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return notes.before(customerId, before, limit).stream()
                .map(note -> TimelineEntry.of(note.createdAt(), kind(), "added", note.body(), null, note.author()))
                .toList();
    }
}

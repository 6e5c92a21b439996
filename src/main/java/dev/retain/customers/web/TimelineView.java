package dev.retain.customers.web;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelinePage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Timeline entries as pages and the API show them: the title in the reader's language. */
@Component
class TimelineView {

    /** One entry with its title translated. */
    record Item(Instant at, String kind, String type, String title, String detail, String link) {}

    /** A page of entries and the cursor for the older ones (null when there are none). */
    record Page(List<Item> entries, Instant next) {}

    private final MessageSource messages;

    TimelineView(MessageSource messages) {
        this.messages = messages;
    }

    Page of(TimelinePage page, Locale locale) {
        return new Page(
                page.entries().stream().map(entry -> item(entry, locale)).toList(), page.next());
    }

    private Item item(TimelineEntry entry, Locale locale) {
        String title = messages.getMessage(entry.titleCode(), entry.titleArgs().toArray(), entry.titleCode(), locale);
        return new Item(entry.at(), entry.kind(), entry.type(), title, entry.detail(), entry.link());
    }
}

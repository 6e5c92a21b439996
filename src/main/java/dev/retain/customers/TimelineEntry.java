package dev.retain.customers;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One thing that happened to a customer, on the customer page's timeline. {@code kind} names the source ("order",
 * "note"), {@code type} what happened ("placed", "refunded"); the title is the message {@code timeline.KIND.TYPE} with
 * {@code titleArgs}, shown in the reader's language (an argument that is itself a {@link MessageSourceResolvable}, such
 * as a channel's name, is translated too). {@code detail} is text from the record itself (products, a note's body),
 * {@code link} a page about it; both may be null.
 */
public record TimelineEntry(Instant at, String kind, String type, List<Object> titleArgs, String detail, String link) {

    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        titleArgs = List.copyOf(titleArgs);
    }

    /** An entry whose title arguments are given in order; null arguments show as empty. */
    public static TimelineEntry of(
            Instant at, String kind, String type, String detail, String link, Object... titleArgs) {
        return new TimelineEntry(
                at,
                kind,
                type,
                Arrays.stream(titleArgs).map(arg -> arg == null ? "" : arg).toList(),
                detail,
                link);
    }

    /** A title argument translated in the reader's language, e.g. {@code translated("messaging.channel.EMAIL")}. */
    public static MessageSourceResolvable translated(String code) {
        return new DefaultMessageSourceResolvable(new String[] {code}, code);
    }

    /** The message code of the title. */
    public String titleCode() {
        return "timeline." + kind + "." + type;
    }
}

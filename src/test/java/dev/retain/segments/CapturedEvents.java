package dev.retain.segments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Every membership event published, from any thread. */
@TestComponent
class CapturedEvents {

    final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(SegmentEntered event) {
        events.add(event);
    }

    @EventListener
    void on(SegmentExited event) {
        events.add(event);
    }

    @EventListener
    void on(TagAdded event) {
        events.add(event);
    }

    @EventListener
    void on(TagRemoved event) {
        events.add(event);
    }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package dev.retain.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Every event the messaging module publishes, from any thread. */
@TestComponent
class CapturedMessageEvents {

    final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(MessageSent event) {
        events.add(event);
    }

    @EventListener
    void on(MessageOpened event) {
        events.add(event);
    }

    @EventListener
    void on(MessageClicked event) {
        events.add(event);
    }

    @EventListener
    void on(MessageFailed event) {
        events.add(event);
    }

    @EventListener
    void on(Unsubscribed event) {
        events.add(event);
    }

    <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}

package dev.retain.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What comes back from messages through their signed links: opens, clicks and unsubscribes, recorded on the delivery
 * and published. Tokens that fail their signature are ignored.
 */
@Service
public class Tracking {

    /** The delivery an unsubscribe link belongs to, for the confirmation page. */
    public record UnsubscribeLink(long deliveryId, long customerId, Channel channel, String locale) {}

    private final TrackingLinks links;
    private final DeliveryTable table;
    private final Suppressions suppressions;
    private final Templates templates;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Tracking(
            TrackingLinks links,
            DeliveryTable table,
            Suppressions suppressions,
            Templates templates,
            ApplicationEventPublisher events,
            Clock clock) {
        this.links = links;
        this.table = table;
        this.suppressions = suppressions;
        this.templates = templates;
        this.events = events;
        this.clock = clock;
    }

    /** Records an open; false when the token is not genuine. */
    @Transactional
    public boolean opened(String token) {
        Optional<Delivery> delivery = delivery(token, TrackingLinks.Kind.OPEN);
        delivery.ifPresent(d -> {
            if (table.markOpened(d.id(), clock.instant())) {
                events.publishEvent(new MessageOpened(d.id(), d.customerId(), d.sourceRef()));
            }
        });
        return delivery.isPresent();
    }

    /** Records a click and returns where it leads; empty when the token is not genuine. */
    @Transactional
    public Optional<String> clicked(String token) {
        Optional<TrackingLinks.Token> verified = links.verify(token, TrackingLinks.Kind.CLICK);
        if (verified.isEmpty() || !verified.get().url().matches("(?i)https?://.+")) {
            return Optional.empty();
        }
        table.find(verified.get().deliveryId()).ifPresent(d -> {
            table.markClicked(d.id(), clock.instant());
            events.publishEvent(new MessageClicked(
                    d.id(), d.customerId(), d.sourceRef(), verified.get().url()));
        });
        return Optional.of(verified.get().url());
    }

    public Optional<UnsubscribeLink> unsubscribeLink(String token) {
        return delivery(token, TrackingLinks.Kind.UNSUBSCRIBE)
                .map(d -> new UnsubscribeLink(d.id(), d.customerId(), d.channel(), locale(d.templateId())));
    }

    /** Unsubscribes the customer from the delivery's channel; repeating it changes nothing. */
    @Transactional
    public Optional<UnsubscribeLink> unsubscribe(String token) {
        Optional<UnsubscribeLink> link = unsubscribeLink(token);
        link.ifPresent(l -> {
            Instant now = clock.instant();
            boolean already = suppressions.matching(l.customerId(), l.channel()).isPresent();
            suppressions.add(l.customerId(), l.channel(), SuppressionReason.UNSUBSCRIBED, "delivery " + l.deliveryId());
            table.markUnsubscribed(l.deliveryId(), now);
            if (!already) {
                events.publishEvent(new Unsubscribed(l.customerId(), l.channel()));
            }
        });
        return link;
    }

    private Optional<Delivery> delivery(String token, TrackingLinks.Kind kind) {
        return links.verify(token, kind).flatMap(t -> table.find(t.deliveryId()));
    }

    private String locale(long templateId) {
        try {
            return templates.find(templateId).locale();
        } catch (RuntimeException e) {
            return "zh-CN";
        }
    }
}

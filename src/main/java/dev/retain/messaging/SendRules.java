package dev.retain.messaging;

import dev.retain.customers.Customer;
import dev.retain.platform.CompanyZone;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules every message passes, in order: the suppression list, an address to send to and (when required)
 * consent; the frequency cap for marketing; quiet hours for SMS.
 */
@Component
class SendRules {

    /** The verdict on one message: its outcome, why, and when it may go. */
    record Verdict(SendResult.Status outcome, String reason, DeliveryStatus status, Instant dueAt) {}

    private final Suppressions suppressions;
    private final ErasedSuppressions erasedSuppressions;
    private final Consents consents;
    private final DeliveryTable deliveries;
    private final FrequencyCap cap;
    private final QuietHours smsQuietHours;
    private final boolean requireOptIn;
    private final String quietHoursSetting;

    SendRules(
            Suppressions suppressions,
            ErasedSuppressions erasedSuppressions,
            Consents consents,
            DeliveryTable deliveries,
            CompanyZone zone,
            @Value("${retain.messaging.frequency-cap}") String cap,
            @Value("${retain.messaging.sms.quiet-hours}") String smsQuietHours,
            @Value("${retain.messaging.require-opt-in}") boolean requireOptIn) {
        this.suppressions = suppressions;
        this.erasedSuppressions = erasedSuppressions;
        this.consents = consents;
        this.deliveries = deliveries;
        this.cap = FrequencyCap.parse(cap);
        this.smsQuietHours = QuietHours.parse(smsQuietHours, zone.zone());
        this.quietHoursSetting = smsQuietHours;
        this.requireOptIn = requireOptIn;
    }

    Verdict judge(Outbound message, Customer customer, Instant now) {
        Optional<String> blocked = blocker(customer, message.channel(), message.marketing());
        if (blocked.isPresent()) {
            return new Verdict(SendResult.Status.SUPPRESSED, blocked.get(), DeliveryStatus.SUPPRESSED, null);
        }
        if (message.marketing() && !cap.off()) {
            long recent = deliveries.marketingCount(customer.id(), message.channel(), now.minus(cap.window()));
            if (recent >= cap.messages()) {
                return new Verdict(
                        SendResult.Status.CAPPED, cap.describe(message.channel()), DeliveryStatus.CAPPED, null);
            }
        }
        Optional<Instant> quietUntil = quietUntil(message.channel(), now);
        if (quietUntil.isPresent()) {
            return new Verdict(
                    SendResult.Status.DEFERRED,
                    "quiet hours " + quietHoursSetting,
                    DeliveryStatus.DEFERRED,
                    quietUntil.get());
        }
        return new Verdict(SendResult.Status.QUEUED, null, DeliveryStatus.QUEUED, now);
    }

    /** Why nothing may be sent to the customer on the channel now, if something forbids it. */
    Optional<String> blocker(Customer customer, Channel channel, boolean marketing) {
        Optional<Suppression> suppression = suppressions.matching(customer.id(), channel);
        if (suppression.isPresent()) {
            return Optional.of(suppression.get().reason().name());
        }
        String address = Personalisation.address(customer, channel);
        if (address == null) {
            return Optional.of(channel == Channel.EMAIL ? "NO_EMAIL" : "NO_PHONE");
        }
        Optional<SuppressionReason> erased = erasedSuppressions.of(channel, address);
        if (erased.isPresent()) {
            return Optional.of(erased.get().name());
        }
        if (requireOptIn && marketing && channel != Channel.WEBHOOK && !consents.given(customer.id(), channel)) {
            return Optional.of(SuppressionReason.NO_CONSENT.name());
        }
        return Optional.empty();
    }

    Optional<Instant> quietUntil(Channel channel, Instant now) {
        return channel == Channel.SMS ? smsQuietHours.endIfQuiet(now) : Optional.empty();
    }
}

package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.Consents;
import dev.retain.messaging.Suppression;
import dev.retain.messaging.SuppressionReason;
import dev.retain.messaging.Suppressions;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/suppressions}: who must not be messaged; {@code /api/v1/customers/{id}/consents}: opt-ins. */
@RestController
@Tag(name = "Messaging")
class SuppressionApiController {

    /** {@code channel} EMAIL, SMS, WEBHOOK or ALL (the default); {@code reason} MANUAL unless given. */
    record SuppressionRequest(Long customerId, String channel, SuppressionReason reason, String note) {}

    record ConsentRequest(String source) {}

    private final Suppressions suppressions;
    private final Consents consents;

    SuppressionApiController(Suppressions suppressions, Consents consents) {
        this.suppressions = suppressions;
        this.consents = consents;
    }

    @GetMapping("/api/v1/suppressions")
    PageOf<Suppression> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return suppressions.list(Math.max(page, 0), Math.min(Math.max(size, 1), 500));
    }

    @GetMapping("/api/v1/customers/{id}/suppressions")
    List<Suppression> ofCustomer(@PathVariable long id) {
        return suppressions.of(id);
    }

    @PostMapping("/api/v1/suppressions")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    Suppression add(@RequestBody SuppressionRequest request) {
        if (request.customerId() == null) {
            throw new InvalidInputException("customerId", "must be given");
        }
        return suppressions.add(
                request.customerId(),
                ChannelNames.orAll(request.channel()),
                request.reason() == null ? SuppressionReason.MANUAL : request.reason(),
                request.note());
    }

    /**
     * Lifts a suppression. One the customer chose (UNSUBSCRIBED) needs an admin and a {@code reason}, kept in the audit
     * log; the others may be lifted by whoever keeps the list.
     */
    @DeleteMapping("/api/v1/suppressions/{customerId}/{channel}")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void lift(
            @PathVariable long customerId,
            @PathVariable String channel,
            @RequestParam(required = false) String reason) {
        suppressions.lift(customerId, ChannelNames.orAll(channel), reason);
    }

    @GetMapping("/api/v1/customers/{id}/consents")
    List<Channel> consents(@PathVariable long id) {
        return consents.of(id);
    }

    @PutMapping("/api/v1/customers/{id}/consents/{channel}")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void give(
            @PathVariable long id,
            @PathVariable String channel,
            @RequestBody(required = false) ConsentRequest request) {
        consents.give(id, ChannelNames.channel(channel), request == null ? null : request.source());
    }

    @DeleteMapping("/api/v1/customers/{id}/consents/{channel}")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable long id, @PathVariable String channel) {
        consents.withdraw(id, ChannelNames.channel(channel));
    }
}

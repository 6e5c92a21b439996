package dev.retain.messaging;

/** A message rendered for its recipient, ready for a channel's sender. */
record OutgoingMessage(
        long deliveryId,
        long customerId,
        Channel channel,
        String recipient,
        String subject,
        String body,
        String idempotencyKey,
        String unsubscribeUrl) {}

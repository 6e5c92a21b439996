package dev.retain.messaging;

/** How a message travels. WEBHOOK posts to the company's own robot (e.g. a WeCom group), about the customer. */
public enum Channel {
    EMAIL,
    SMS,
    WEBHOOK
}

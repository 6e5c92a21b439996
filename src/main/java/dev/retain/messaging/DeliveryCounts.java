package dev.retain.messaging;

import java.math.BigDecimal;

/**
 * Messages asked for by one source (a journey, a node) and how they fared: {@code failed} counts the dead-letter list,
 * {@code notSent} the suppressed and capped. {@code cost} is in the base currency, from the per-channel cost settings.
 */
public record DeliveryCounts(
        long requested,
        long queued,
        long sent,
        long failed,
        long notSent,
        long opened,
        long clicked,
        long unsubscribed,
        BigDecimal cost) {}

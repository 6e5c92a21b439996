package dev.retain.loyalty;

import java.time.LocalDate;

/**
 * A member's points now: {@code active} can be spent (negative while the member owes points after a refund of points
 * already spent), {@code pending} waits out the days a return may cancel them, {@code expiringSoon} of them run out
 * within {@link Loyalty#EXPIRING_DAYS} days, the first on {@code nextExpiryOn} (null when none).
 */
public record Wallet(long customerId, long active, long pending, long expiringSoon, LocalDate nextExpiryOn) {}

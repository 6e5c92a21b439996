package dev.retain.platform.signin;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** How many failed sign-ins are tolerated, how long later attempts wait, and how long a lock lasts. */
@Component
public class SignInSettings {

    final int accountBackoffAfter;
    final int addressBackoffAfter;
    final int lockAfter;
    final Duration firstDelay;
    final Duration maxDelay;
    final Duration lockDuration;
    final Duration forgetAfter;

    SignInSettings(
            @Value("${retain.security.sign-in.account-backoff-after:5}") int accountBackoffAfter,
            @Value("${retain.security.sign-in.address-backoff-after:20}") int addressBackoffAfter,
            @Value("${retain.security.sign-in.lock-after:10}") int lockAfter,
            @Value("${retain.security.sign-in.first-delay:2s}") Duration firstDelay,
            @Value("${retain.security.sign-in.max-delay:15m}") Duration maxDelay,
            @Value("${retain.security.sign-in.lock-duration:0}") Duration lockDuration,
            @Value("${retain.security.sign-in.forget-after:1h}") Duration forgetAfter) {
        this.accountBackoffAfter = accountBackoffAfter;
        this.addressBackoffAfter = addressBackoffAfter;
        this.lockAfter = lockAfter;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.lockDuration = lockDuration;
        this.forgetAfter = forgetAfter;
    }

    /** The wait after the given number of failures: none below the threshold, then doubling up to the maximum. */
    Duration delayAfter(int failures, int threshold) {
        if (failures < threshold) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Zero means a lock lasts until an admin lifts it. */
    boolean locksUntilLifted() {
        return lockDuration.isZero() || lockDuration.isNegative();
    }
}

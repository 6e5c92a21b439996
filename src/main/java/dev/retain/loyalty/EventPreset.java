package dev.retain.loyalty;

import java.util.Arrays;
import java.util.Optional;

/** Event rules offered ready-made: the event name and the points and caps they start with. */
public enum EventPreset {
    /** 签到: a sign-in, once a day. */
    SIGN_IN("login", 5, 1, null),
    /** 评价: a review, at most three a day. */
    REVIEW("review", 20, 3, null),
    /** 完善资料: the profile completed, once ever. */
    PROFILE_COMPLETED("profile_completed", 100, null, 1);

    private final String event;
    private final int points;
    private final Integer dailyCap;
    private final Integer lifetimeCap;

    EventPreset(String event, int points, Integer dailyCap, Integer lifetimeCap) {
        this.event = event;
        this.points = points;
        this.dailyCap = dailyCap;
        this.lifetimeCap = lifetimeCap;
    }

    public String event() {
        return event;
    }

    public int points() {
        return points;
    }

    public Integer dailyCap() {
        return dailyCap;
    }

    public Integer lifetimeCap() {
        return lifetimeCap;
    }

    /** The preset of an event name, if there is one (to show its name in the reader's language). */
    public static Optional<EventPreset> ofEvent(String event) {
        return Arrays.stream(values()).filter(p -> p.event.equals(event)).findFirst();
    }
}

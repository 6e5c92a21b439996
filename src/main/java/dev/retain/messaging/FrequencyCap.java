package dev.retain.messaging;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code messages} marketing messages per customer per channel within {@code window}, across every journey;
 * written {@code 2/7d} (or {@code 1/12h}, or {@code off}).
 */
record FrequencyCap(int messages, Duration window) {

    private static final Pattern SETTING = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*([dh])");

    static FrequencyCap parse(String setting) {
        if (setting == null || setting.isBlank() || setting.strip().equalsIgnoreCase("off")) {
            return new FrequencyCap(Integer.MAX_VALUE, Duration.ZERO);
        }
        Matcher matcher = SETTING.matcher(setting.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("A frequency cap looks like 2/7d or 1/12h, not " + setting);
        }
        long amount = Long.parseLong(matcher.group(2));
        return new FrequencyCap(
                Integer.parseInt(matcher.group(1)),
                matcher.group(3).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
    }

    boolean off() {
        return window.isZero();
    }

    String describe(Channel channel) {
        return "frequency cap: at most " + messages + " marketing " + channel + " messages in " + window.toHours()
                + " hours";
    }
}

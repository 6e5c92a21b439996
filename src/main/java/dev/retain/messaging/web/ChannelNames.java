package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.platform.InvalidInputException;
import java.util.Locale;

/** Reads a channel from a path or form: EMAIL, SMS, WEBHOOK, or ALL (null) where every channel is meant. */
final class ChannelNames {

    private ChannelNames() {}

    static Channel orAll(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("ALL")) {
            return null;
        }
        return channel(name);
    }

    static Channel channel(String name) {
        try {
            return Channel.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInputException("channel", "must be one of EMAIL, SMS, WEBHOOK");
        }
    }
}

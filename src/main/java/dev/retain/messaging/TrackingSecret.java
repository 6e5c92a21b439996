package dev.retain.messaging;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs tracking and unsubscribe links: {@code retain.messaging.tracking-secret} when set, otherwise one
 * generated on first use and kept in the database, so links stay valid across restarts and instances.
 */
@Component
class TrackingSecret {

    private final JdbcClient jdbc;
    private final String configured;
    private volatile byte[] key;

    TrackingSecret(JdbcClient jdbc, @Value("${retain.messaging.tracking-secret:}") String configured) {
        this.jdbc = jdbc;
        this.configured = configured;
    }

    byte[] key() {
        byte[] current = key;
        if (current == null) {
            current = (configured != null && !configured.isBlank() ? configured : stored())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            key = current;
        }
        return current;
    }

    private String stored() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("insert into messaging_secrets (name, value) values ('tracking', ?) on conflict do nothing")
                .param(HexFormat.of().formatHex(fresh))
                .update();
        return jdbc.sql("select value from messaging_secrets where name = 'tracking'")
                .query(String.class)
                .single();
    }
}

package dev.retain.messaging;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Robot messages to the company's own chat (WeCom-style {@code {"msgtype":"markdown","markdown":{"content":…}}}),
 * signed: {@code X-Retain-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))} with the
 * {@code X-Retain-Timestamp} it covers, so the receiver can check origin and freshness. A 2xx answer means the
 * robot has it: DELIVERED.
 */
@Component
@ConditionalOnProperty(name = Outbox.PROPERTY, havingValue = "false", matchIfMissing = true)
class WebhookSender implements ChannelSender {

    private final ObjectMapper json;
    private final Clock clock;
    private final String url;
    private final String secret;

    WebhookSender(
            ObjectMapper json,
            Clock clock,
            @Value("${retain.messaging.webhook.url}") String url,
            @Value("${retain.messaging.webhook.secret}") String secret) {
        this.json = json;
        this.clock = clock;
        this.url = url;
        this.secret = secret;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public DeliveryStatus send(OutgoingMessage message) throws SendFailure {
        if (url == null || url.isBlank()) {
            throw new SendFailure("no webhook configured (retain.messaging.webhook.url)", true);
        }
        String body =
                json.writeValueAsString(Map.of("msgtype", "markdown", "markdown", Map.of("content", message.body())));
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpDelivery.post(
                "webhook",
                url,
                body,
                Map.of(
                        "X-Retain-Timestamp",
                        timestamp,
                        "X-Retain-Signature",
                        "sha256=" + signature(secret, timestamp, body),
                        "Idempotency-Key",
                        message.idempotencyKey()));
        return DeliveryStatus.DELIVERED;
    }

    static String signature(String secret, String timestamp, String body) {
        return HexFormat.of()
                .formatHex(Signatures.hmacSha256(
                        (secret == null ? "" : secret).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        timestamp + "." + body));
    }
}

package dev.retain.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * SMS through the company's HTTP gateway ({@code retain.messaging.sms.url}): a JSON POST with the phone in E.164,
 * the text and the idempotency key (also as the {@code Idempotency-Key} header, for gateways that de-duplicate), the
 * token as a bearer token. Adapting to a provider means a small relay that speaks this.
 */
@Component
@ConditionalOnProperty(name = Outbox.PROPERTY, havingValue = "false", matchIfMissing = true)
class SmsSender implements ChannelSender {

    private final ObjectMapper json;
    private final String url;
    private final String token;
    private final String signature;

    SmsSender(
            ObjectMapper json,
            @Value("${retain.messaging.sms.url}") String url,
            @Value("${retain.messaging.sms.token}") String token,
            @Value("${retain.messaging.sms.signature}") String signature) {
        this.json = json;
        this.url = url;
        this.token = token;
        this.signature = signature;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public DeliveryStatus send(OutgoingMessage message) throws SendFailure {
        if (url == null || url.isBlank()) {
            throw new SendFailure("no SMS gateway configured (retain.messaging.sms.url)", true);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("to", message.recipient());
        body.put("text", message.body());
        if (signature != null && !signature.isBlank()) {
            body.put("signature", signature);
        }
        body.put("idempotencyKey", message.idempotencyKey());
        body.put("reference", String.valueOf(message.deliveryId()));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Idempotency-Key", message.idempotencyKey());
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        }
        HttpDelivery.post("SMS gateway", url, json.writeValueAsString(body), Map.copyOf(headers));
        return DeliveryStatus.SENT;
    }
}

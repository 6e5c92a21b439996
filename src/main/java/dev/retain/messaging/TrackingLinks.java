package dev.retain.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links in messages that come back to Retain: the open pixel ({@code /t/o/…}), tracked clicks ({@code /t/c/…}) and
 * unsubscribe ({@code /u/…}). Each token carries the delivery id (and the target URL) and an HMAC-SHA256 signature,
 * so nobody can forge an open, unsubscribe someone else or use Retain as an open redirect.
 */
@Component
class TrackingLinks {

    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    enum Kind {
        OPEN('o'),
        CLICK('c'),
        UNSUBSCRIBE('u');

        final char letter;

        Kind(char letter) {
            this.letter = letter;
        }
    }

    /** A verified token: the delivery it belongs to and, for clicks, where to go. */
    record Token(Kind kind, long deliveryId, String url) {}

    private final TrackingSecret secret;
    private final String baseUrl;

    TrackingLinks(TrackingSecret secret, @Value("${retain.public-base-url}") String baseUrl) {
        this.secret = secret;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String openUrl(long deliveryId) {
        return baseUrl + "/t/o/" + token(Kind.OPEN, deliveryId, null);
    }

    String clickUrl(long deliveryId, String url) {
        return baseUrl + "/t/c/" + token(Kind.CLICK, deliveryId, url);
    }

    String unsubscribeUrl(long deliveryId) {
        return baseUrl + "/u/" + token(Kind.UNSUBSCRIBE, deliveryId, null);
    }

    boolean isOurs(String url) {
        return url.startsWith(baseUrl + "/u/") || url.startsWith(baseUrl + "/t/");
    }

    String token(Kind kind, long deliveryId, String url) {
        String payload = kind.letter + ":" + deliveryId + (url == null ? "" : ":" + url);
        byte[] signature = Arrays.copyOf(Signatures.hmacSha256(secret.key(), payload), SIGNATURE_BYTES);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(signature);
    }

    /** The token's content when its signature is right and it is of the expected kind. */
    Optional<Token> verify(String token, Kind expected) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            byte[] expectedSignature = Arrays.copyOf(Signatures.hmacSha256(secret.key(), payload), SIGNATURE_BYTES);
            if (!Signatures.same(signature, expectedSignature)) {
                return Optional.empty();
            }
            String[] fields = payload.split(":", 3);
            if (fields.length < 2 || fields[0].length() != 1 || fields[0].charAt(0) != expected.letter) {
                return Optional.empty();
            }
            return Optional.of(new Token(expected, Long.parseLong(fields[1]), fields.length == 3 ? fields[2] : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

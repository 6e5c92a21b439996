package dev.retain.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Posts JSON to a gateway or webhook and sorts the answer: 2xx went through; 408, 429 and 5xx or no answer are worth
 * another attempt; any other 4xx means the request itself is wrong and will not improve.
 */
final class HttpDelivery {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private HttpDelivery() {}

    static void post(String what, String url, String json, Map<String, String> headers) throws SendFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SendFailure(what + " unreachable: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure(what + ": interrupted", false, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.body() == null ? "" : response.body();
        String detail = what + " answered " + status + ": " + body.substring(0, Math.min(body.length(), 300));
        boolean permanent = status / 100 == 4 && status != 408 && status != 429;
        throw new SendFailure(detail, permanent);
    }
}

package dev.retain;

import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running server's REST API over real HTTP, as a script would. */
public final class ApiClient {

    private static final ObjectMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    private final int port;
    private final String token;

    private ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** A client holding a fresh API key with these roles. */
    public static ApiClient withRoles(int port, ApiKeys apiKeys, Role... roles) {
        return new ApiClient(
                port, apiKeys.create("test " + Set.of(roles), Set.of(roles)).token());
    }

    public static ApiClient withToken(int port, String token) {
        return new ApiClient(port, token);
    }

    public record Response(int status, String contentType, JsonNode body) {}

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET asking for texts in a language, e.g. "zh-CN". */
    public Response get(String path, String acceptLanguage) {
        return send(request(path).GET().header("Accept-Language", acceptLanguage));
    }

    /** A GET whose body is text (a CSV download, say), returned as it came. */
    public String getText(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(bodyOf(body)).header("Content-Type", "application/json"));
    }

    /** A JSON POST with a header of its own, e.g. an {@code Idempotency-Key}. */
    public Response post(String path, Object body, String header, String value) {
        return send(request(path)
                .POST(bodyOf(body))
                .header("Content-Type", "application/json")
                .header(header, value));
    }

    /** A POST of a text body of the given type, e.g. a CSV file. */
    public Response post(String path, String body, String contentType) {
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
    }

    public Response postNdjson(String path, String lines) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(lines))
                .header("Content-Type", "application/x-ndjson"));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(bodyOf(body)).header("Content-Type", "application/json"));
    }

    public Response patch(String path, Object body) {
        return send(request(path).method("PATCH", bodyOf(body)).header("Content-Type", "application/json"));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : json.writeValueAsString(body));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean isJson = contentType.contains("json") && body != null && !body.isBlank();
            return new Response(response.statusCode(), contentType, isJson ? json.readTree(body) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

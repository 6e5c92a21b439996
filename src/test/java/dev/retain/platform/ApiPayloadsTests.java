package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.ApplicationRoutes.Route;
import dev.retain.platform.Payloads.Payload;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile text in every text input of the API, as an admin: each payload of {@code security/payloads.txt} goes into
 * each string of each route's sample request ({@code security/api-samples.json}), each text query parameter and each
 * free path segment. Every answer must be a 2xx or a 4xx; what is stored must come back exactly as sent; and no page
 * showing it may carry it unescaped. On a database of its own, since it stores a great deal of nonsense and changes
 * company-wide settings (data scopes, required two-factor, personal-data fields) other tests rely on: so not run against
 * a shared external database.
 */
@IntegrationTest
@TestPropertySource(properties = "retain.data-dir=target/test-data-payloads")
@Tag("embedded")
class ApiPayloadsTests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "payload suite admin password";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");

    @LocalServerPort
    int port;

    @Autowired
    Map<String, RequestMappingInfoHandlerMapping> mappings;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> fixtures = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int counter = 10_000;
    private String token;

    /** A request as sent, and its answer. */
    private record Exchange(int status, String contentType, String body) {

        JsonNode json() {
            if (!contentType.contains("json") || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                return null;
            }
        }

        String shortBody() {
            return body.length() > 300 ? body.substring(0, 300) + "…" : body;
        }
    }

    /** Where a payload goes in a sample: a JSON pointer in the body, a query parameter, a path variable or raw text. */
    private record Slot(String kind, String name) {

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    @Test
    void everyApiRouteThatWritesHasASampleRequest() {
        Set<String> writing = ApplicationRoutes.of(mappings.values()).stream()
                .filter(route -> route.pattern().startsWith("/api/v1/") && WRITES.contains(route.method()))
                .map(Route::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = new TreeSet<>();
        samples().forEach(sample -> sampled.add(sample.get("route").asString()));

        assertThat(minus(writing, sampled))
                .as("API routes that write, without a sample in security/api-samples.json")
                .isEmpty();
        assertThat(minus(sampled, writing))
                .as("samples in security/api-samples.json of routes that do not exist (or do not write)")
                .isEmpty();
    }

    @Test
    void everyTextInputRefusesOrKeepsEachPayloadAndNoPageRunsIt() {
        UserAccount admin = users.create(
                new UserAccounts.NewUser("payload-admin", "Payload admin", null, PASSWORD, Set.of(Role.ADMIN)));
        token = apiKeys.create("payloads", Set.of(Role.ADMIN), admin.id()).token();
        List<Payload> payloads = Payloads.load();

        for (JsonNode sample : samples()) {
            if (!sample.has("noText")) {
                walk(sample, sample.path("setupOnly").asBoolean(false) ? List.of() : payloads);
            }
        }
        walkTextParameters("GET", payloads);
        readPages(payloads);
        walkTextParameters("DELETE", payloads);

        assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single())
                .as("the customers table survived")
                .isPositive();
        assertThat(failures).as("answers to hostile text").isEmpty();
    }

    /** Sends the sample as it is, keeps what it provides, then each payload in each of its text inputs. */
    private void walk(JsonNode sample, List<Payload> payloads) {
        String route = sample.get("route").asString();
        Exchange plain = send(sample, null, null);
        int expected = sample.path("expect").asInt(0);
        boolean anyAnswer = sample.path("expectAny").asBoolean(false);
        if (plain.status() >= 500
                || (expected != 0 && plain.status() != expected)
                || (expected == 0 && !anyAnswer && plain.status() / 100 != 2)) {
            failures.add(route + ": the sample itself was answered " + plain.status() + " " + plain.shortBody());
        }
        keepProvided(sample, plain, true);
        for (Slot slot : slots(sample)) {
            for (Payload payload : payloads) {
                Exchange exchange = send(sample, slot, payload.text());
                String where = route + " " + slot + " " + payload.label();
                if (exchange.status() >= 500) {
                    failures.add(where + ": answered " + exchange.status() + " " + exchange.shortBody());
                } else if (exchange.status() / 100 == 2) {
                    keepProvided(sample, exchange, false);
                    checkKeptAsSent(sample, slot, payload, exchange, where);
                }
            }
        }
    }

    /**
     * Keeps the ids the sample provides for the samples after it. Each 2xx answer replaces them, so that a version
     * read back after a change is the current one.
     */
    private void keepProvided(JsonNode sample, Exchange exchange, boolean required) {
        JsonNode answer = exchange.status() / 100 == 2 ? exchange.json() : null;
        sample.path("provides").properties().forEach(provided -> {
            String field = provided.getValue().asString();
            JsonNode value = answer == null ? null : field.startsWith("/") ? answer.at(field) : answer.get(field);
            value = value == null || value.isMissingNode() || value.isNull() ? null : value;
            if (value != null) {
                fixtures.put(provided.getKey(), value.asString());
            } else if (required) {
                failures.add(sample.get("route").asString() + ": no " + field + " in the answer, needed as $"
                        + provided.getKey());
            }
        });
    }

    /** A 2xx answer that echoes the field, and the read-back the sample names, must hold the payload unchanged. */
    private void checkKeptAsSent(JsonNode sample, Slot slot, Payload payload, Exchange exchange, String where) {
        if (!slot.kind().equals("body") || slot.name().indexOf('/', 1) > 0) {
            return;
        }
        String field = slot.name().substring(1);
        Set<String> normalised = new TreeSet<>();
        sample.path("normalised").forEach(name -> normalised.add(name.asString()));
        if (normalised.contains(field)) {
            return;
        }
        JsonNode answer = exchange.json();
        if (answer != null
                && answer.isObject()
                && answer.get(field) != null
                && answer.get(field).isString()) {
            String echoed = answer.get(field).asString();
            if (!echoed.equals(payload.text())) {
                failures.add(where + ": answered 2xx with " + field + " changed to " + shorten(echoed));
            }
        }
        JsonNode readBack = sample.get("readBack");
        if (readBack == null || answer == null || answer.get("id") == null) {
            return;
        }
        boolean listed = false;
        for (JsonNode name : readBack.get("fields")) {
            listed |= name.asString().equals(field);
        }
        if (!listed) {
            return;
        }
        String path =
                readBack.get("path").asString().replace("{id}", answer.get("id").asString());
        JsonNode stored = exchange(request(path, "").GET()).json();
        if (stored != null && readBack.has("at")) {
            stored = stored.at(readBack.get("at").asString());
        }
        String kept = stored == null || stored.get(field) == null
                ? null
                : stored.get(field).asString();
        if (!payload.text().equals(kept)) {
            failures.add(where + ": stored, but read back from " + path + " as " + shorten(kept));
        }
    }

    private List<Slot> slots(JsonNode sample) {
        List<Slot> slots = new ArrayList<>();
        if (sample.has("body")) {
            textPointers(sample.get("body"), "", slots, "body");
        }
        if (sample.has("ndjson")) {
            textPointers(sample.get("ndjson"), "", slots, "ndjson");
        }
        sample.path("query").properties().forEach(entry -> slots.add(new Slot("query", entry.getKey())));
        sample.path("pathText").forEach(name -> slots.add(new Slot("path", name.asString())));
        if (sample.has("raw")) {
            slots.add(new Slot("raw", "text"));
        }
        if (sample.has("multipart") && sample.get("multipart").has("text")) {
            slots.add(new Slot("file", "text"));
        }
        return slots;
    }

    private static void textPointers(JsonNode node, String pointer, List<Slot> slots, String kind) {
        if (node.isObject()) {
            node.properties()
                    .forEach(entry -> textPointers(entry.getValue(), pointer + "/" + entry.getKey(), slots, kind));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                textPointers(node.get(i), pointer + "/" + i, slots, kind);
            }
        } else if (node.isString() && !node.asString().startsWith("$")) {
            slots.add(new Slot(kind, pointer));
        }
    }

    /** Sends the sample, with {@code payload} in {@code slot} when one is given. */
    private Exchange send(JsonNode sample, Slot slot, String payload) {
        String n = Integer.toString(++counter);
        String[] route = sample.get("route").asString().split(" ", 2);
        Map<String, String> pathValues = new HashMap<>();
        sample.path("path")
                .properties()
                .forEach(e -> pathValues.put(e.getKey(), resolve(e.getValue().asString(), n)));
        if (slot != null && slot.kind().equals("path")) {
            pathValues.put(slot.name(), payload);
        }
        String path = fill(route[1], pathValues);
        var query = new StringBuilder();
        sample.path("query").properties().forEach(entry -> {
            String value =
                    slot != null && slot.kind().equals("query") && slot.name().equals(entry.getKey())
                            ? payload
                            : resolve(entry.getValue().asString(), n);
            query.append(query.isEmpty() ? "?" : "&")
                    .append(entry.getKey())
                    .append('=')
                    .append(Payloads.percentEncoded(value));
        });
        HttpRequest.Builder request = request(path, query.toString());
        byte[] body = null;
        String contentType = null;
        if (sample.has("body") || sample.has("ndjson")) {
            String kind = sample.has("body") ? "body" : "ndjson";
            JsonNode json = resolved(sample.get(kind).deepCopy(), n);
            if (slot != null && slot.kind().equals(kind)) {
                json = put(json, slot.name(), payload);
            }
            String text = Payloads.escapeLoneSurrogates(JSON.writeValueAsString(json));
            body = (kind.equals("ndjson") ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
            contentType = kind.equals("ndjson") ? "application/x-ndjson" : "application/json";
        } else if (sample.has("raw")) {
            String text = slot != null ? payload : sample.get("text").asString();
            body = Payloads.looseUtf8(sample.get("raw").asString().replace("{text}", text));
            contentType = sample.get("contentType").asString();
        } else if (sample.has("multipart")) {
            String boundary = "payloads" + n;
            JsonNode file = sample.get("multipart");
            String text = slot != null && slot.kind().equals("file")
                    ? payload
                    : file.path("text").asString("");
            body = multipart(
                    boundary,
                    file.get("name").asString(),
                    file.get("content").asString().replace("{text}", text));
            contentType = "multipart/form-data; boundary=" + boundary;
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                route[0],
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return exchange(request);
    }

    /** Each text parameter and free path variable of every route with this method, with each payload. */
    private void walkTextParameters(String method, List<Payload> payloads) {
        for (RequestMappingInfoHandlerMapping mapping : mappings.values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (!info.getMethodsCondition().getMethods().contains(RequestMethod.valueOf(method))) {
                    return;
                }
                for (String pattern : info.getPatternValues()) {
                    if (pattern.startsWith("/api/v1/")) {
                        walkTextParameters(method, pattern, handler, payloads);
                    }
                }
            });
        }
    }

    private void walkTextParameters(String method, String pattern, HandlerMethod handler, List<Payload> payloads) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() != String.class) {
                continue;
            }
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
            String name = query != null ? name(query.name(), parameter) : null;
            String pathName = variable != null ? name(variable.name(), parameter) : null;
            if (name == null && (pathName == null || !pattern.contains("{" + pathName + "}"))) {
                continue;
            }
            for (Payload payload : payloads) {
                String path =
                        pathName == null ? fill(pattern, Map.of()) : fill(pattern, Map.of(pathName, payload.text()));
                String queryText = name == null ? "" : "?" + name + "=" + Payloads.percentEncoded(payload.text());
                Exchange exchange =
                        exchange(request(path, queryText).method(method, HttpRequest.BodyPublishers.noBody()));
                if (exchange.status() >= 500) {
                    failures.add(method + " " + pattern + " " + (name != null ? "query " + name : "path " + pathName)
                            + " " + payload.label() + ": answered " + exchange.status() + " " + exchange.shortBody());
                }
            }
        }
    }

    private static String name(String declared, MethodParameter parameter) {
        return declared.isEmpty() ? parameter.getParameterName() : declared;
    }

    /** Every page without path variables, and the sample's pages of what was stored: no payload unescaped. */
    private void readPages(List<Payload> payloads) {
        WebSession session = new WebSession(port);
        session.signIn("payload-admin", PASSWORD);
        Set<String> pages = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : mappings.values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                if (handler.getBeanType().getPackageName().startsWith("dev.retain") && isGet(info)) {
                    info.getPatternValues().stream()
                            .filter(pattern -> !pattern.contains("{") && !pattern.startsWith("/api/"))
                            .filter(pattern -> !pattern.equals("/logout"))
                            .forEach(pages::add);
                }
            });
        }
        try (InputStream in = getClass().getResourceAsStream("/security/api-samples.json")) {
            JSON.readTree(in).get("pages").forEach(page -> pages.add(resolve(page.asString(), "0")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean shownEscaped = false;
        for (String page : pages) {
            HttpResponse<String> response = session.get(page);
            if (response.statusCode() >= 500) {
                failures.add("page " + page + ": answered " + response.statusCode());
            }
            boolean html =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
            for (Payload payload : payloads) {
                if (html && payload.isMarkup() && response.body().contains(payload.text())) {
                    failures.add("page " + page + " shows " + payload.label() + " unescaped");
                }
                shownEscaped |=
                        html && payload.isMarkup() && response.body().contains(HtmlUtils.htmlEscape(payload.text()));
            }
        }
        if (!shownEscaped) {
            failures.add(
                    "no page showed a stored payload, escaped or not: the pages read are not those that show them");
        }
    }

    private static boolean isGet(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() || methods.contains(RequestMethod.GET);
    }

    /** The most a request's head may hold on Retain's server (Spring Boot's default). */
    private static final int HEAD_LIMIT = 8 * 1024;

    private HttpRequest.Builder request(String path, String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + query))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120));
    }

    private Exchange exchange(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Exchange(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (built.uri().toString().length() > HEAD_LIMIT) {
                // the server refuses a head beyond its limit and closes the connection, which may be under a body the
                // client is still writing: refused all the same
                return new Exchange(431, "", "");
            }
            failures.add(built.method() + " " + shorten(built.uri().getRawPath()) + ": no answer (" + e + ")");
            return new Exchange(599, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The route's path with its variables filled: the values given (percent-encoded), else {@code 1}. */
    private static String fill(String pattern, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(pattern);
        var path = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(
                    path, Matcher.quoteReplacement(value == null ? "1" : Payloads.percentEncoded(value)));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** {@code $name} becomes the fixture's id; {@code {n}} a number unique to the request. */
    private String resolve(String value, String n) {
        if (value.startsWith("$") && !value.contains("/")) {
            String fixture = fixtures.get(value.substring(1));
            return fixture == null ? "0" : fixture;
        }
        Matcher matcher = Pattern.compile("\\$([a-zA-Z0-9]+)").matcher(value);
        var out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(fixtures.getOrDefault(matcher.group(1), "0")));
        }
        matcher.appendTail(out);
        return out.toString().replace("{n}", n);
    }

    private JsonNode resolved(JsonNode node, String n) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            new ArrayList<>(object.propertyNames()).forEach(name -> object.set(name, resolved(object.get(name), n)));
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolved(array.get(i), n));
            }
            return array;
        }
        if (node.isString()) {
            String text = node.asString();
            String value = resolve(text, n);
            if (text.startsWith("$") && value.matches("-?\\d+")) {
                return JSON.valueToTree(Long.parseLong(value));
            }
            return JSON.valueToTree(value);
        }
        return node;
    }

    private static JsonNode put(JsonNode root, String pointer, String payload) {
        int last = pointer.lastIndexOf('/');
        JsonNode parent = last == 0 ? root : root.at(pointer.substring(0, last));
        String key = pointer.substring(last + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), JSON.valueToTree(payload));
        } else {
            ((ObjectNode) parent).put(key, payload);
        }
        return root;
    }

    private static byte[] multipart(String boundary, String name, String content) {
        var out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Payloads.looseUtf8(content));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<JsonNode> samples() {
        try (InputStream in = ApiPayloadsTests.class.getResourceAsStream("/security/api-samples.json")) {
            List<JsonNode> samples = new ArrayList<>();
            JSON.readTree(in).get("samples").forEach(samples::add);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() > 60 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    private static Set<String> minus(Set<String> all, Set<String> left) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(left);
        return rest;
    }
}

package dev.retain.ingest;

import dev.retain.platform.CommandLineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./retain import --server URL --api-key KEY …}: the same import, sent to a running server through its API
 * (upload, then follow the job), with the same account and exit codes as a local import.
 */
public final class RemoteImport {

    private static final JsonMapper json = JsonMapper.builder().build();

    private RemoteImport() {}

    /** Runs the import against the server and returns the exit code. */
    public static int run(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = CommandLineOptions.parse(args);
        String server = options.get("server").replaceAll("/+$", "");
        String apiKey = options.getOrDefault("api-key", System.getenv("RETAIN_API_KEY"));
        if (apiKey == null || !options.containsKey("file")) {
            System.err.println("Missing --api-key (or RETAIN_API_KEY) or --file.\n" + ImportCommand.USAGE);
            return 2;
        }
        Path file = Path.of(options.get("file"));
        var fields = new LinkedHashMap<String, String>();
        for (String name : new String[] {"kind", "source", "preset", "currency"}) {
            if (options.containsKey(name)) {
                fields.put(
                        name,
                        name.equals("kind") ? options.get(name).toUpperCase(java.util.Locale.ROOT) : options.get(name));
            }
        }
        if (options.containsKey("map")) {
            fields.put("mapping", options.get("map"));
        }
        fields.put("dayFirst", Boolean.toString(options.containsKey("day-first")));
        // As locally: what --map leaves out is mapped from the headers; a preset is used as saved.
        fields.put("suggestUnmapped", Boolean.toString(!options.containsKey("preset")));
        var http = HttpClient.newHttpClient();
        String boundary = "retain-" + UUID.randomUUID();
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(URI.create(server + "/api/v1/imports"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fields, file)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 202) {
            System.err.println("The server refused the import (" + submitted.statusCode() + "): " + submitted.body());
            return submitted.statusCode() == 400 ? 2 : 1;
        }
        long id = json.readTree(submitted.body()).get("job").get("id").asLong();
        JsonNode view;
        do {
            Thread.sleep(500);
            view = json.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(server + "/api/v1/imports/" + id))
                                    .header("Authorization", "Bearer " + apiKey)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } while (!ImportStatus.valueOf(view.get("job").get("status").asString()).finished());
        ImportJob finished = json.treeToValue(view.get("job"), ImportJob.class);
        var rejections = new ArrayList<RejectionReason>();
        view.path("rejectionsByReason").forEach(r -> rejections.add(json.treeToValue(r, RejectionReason.class)));
        System.out.println("mapping: " + MappingText.format(finished.mapping()));
        System.out.println(ImportCommand.summary(finished, rejections));
        double maxRejected = Double.parseDouble(options.getOrDefault("max-rejected", "0.05"));
        return finished.status() != ImportStatus.SUCCEEDED ? 1 : finished.rejectedShare() > maxRejected ? 3 : 0;
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, Path file) throws IOException {
        var body = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String name = URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}

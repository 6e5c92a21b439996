package dev.retain.ingest.web;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerImport;
import dev.retain.customers.Customers;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.BulkIngest.RecordResult;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.files.BoundedLineReader;
import dev.retain.ingest.files.BoundedLineReader.Line;
import dev.retain.ingest.files.ReadLimits;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Bulk ingestion for other systems: NDJSON (one JSON object per line, up to 10,000, each line at most
 * {@code retain.import.max-ndjson-line-kb}) of customers, orders or events,
 * answered per record; and the single-customer upsert by external id. Field names are those of imports
 * ({@code customer_id}, {@code order_id}, {@code order_date}, {@code amount}, {@code event_type}, …).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Bulk ingestion")
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')")
class BulkApiController {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** A source system's name, as identities are kept under it. */
    private static final String SOURCE = "[a-z][a-z0-9_]{0,39}";

    private static final String SOURCE_RULE =
            "a source system name: a lower-case letter, then up to 39 lower-case letters, digits and _ (not phone,"
                    + " email, company or wechat)";

    private final BulkIngest bulk;
    private final Customers customers;
    private final ObjectMapper json;
    private final ReadLimits limits;

    BulkApiController(BulkIngest bulk, Customers customers, ObjectMapper json, ReadLimits limits) {
        this.bulk = bulk;
        this.customers = customers;
        this.json = json;
        this.limits = limits;
    }

    /** Totals by result, and every record's result in the order sent. */
    record BulkResponse(Map<String, Long> totals, List<RecordResult> results) {}

    @PostMapping(
            path = "/customers/bulk",
            consumes = {"application/x-ndjson", "application/json"})
    @Operation(summary = "Upsert customers (NDJSON, one per line); identities resolve them to existing customers")
    BulkResponse customers(
            @RequestParam(defaultValue = "api") String source, jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        return ingest(ImportKind.CUSTOMERS, source, request);
    }

    @PostMapping(
            path = "/orders/bulk",
            consumes = {"application/x-ndjson", "application/json"})
    @Operation(summary = "Upsert orders (NDJSON), identified by source and order_id")
    BulkResponse orders(
            @RequestParam(defaultValue = "api") String source, jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        return ingest(ImportKind.ORDERS, source, request);
    }

    @PostMapping(
            path = "/events/bulk",
            consumes = {"application/x-ndjson", "application/json"})
    @Operation(summary = "Record events (NDJSON); an event sent twice is recorded once")
    BulkResponse events(
            @RequestParam(defaultValue = "api") String source, jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        return ingest(ImportKind.EVENTS, source, request);
    }

    @PutMapping("/customers/by-external-id/{source}/{externalId}")
    @Operation(summary = "Create or update the customer that has this id in that source system")
    ResponseEntity<Customer> upsert(
            @PathVariable String source, @PathVariable String externalId, @RequestBody Map<String, Object> fields) {
        if (!source.matches(SOURCE) || CustomerImport.RESERVED_KINDS.contains(source)) {
            throw new InvalidInputException("source", SOURCE_RULE);
        }
        var record = new HashMap<>(fields);
        record.put("customer_id", externalId);
        RecordResult result = bulk.ingest(ImportKind.CUSTOMERS, source, List.of(record), Map.of())
                .get(0);
        if (result.result().equals("rejected")) {
            throw new InvalidInputException(problems(result.reason()));
        }
        Customer customer = customers.find(result.customerId());
        return result.result().equals("created")
                ? ResponseEntity.status(201).body(customer)
                : ResponseEntity.ok(customer);
    }

    private BulkResponse ingest(ImportKind kind, String source, HttpServletRequest request) throws IOException {
        var records = new ArrayList<Map<String, Object>>();
        var unreadable = new HashMap<Integer, String>();
        try (var reader = new BoundedLineReader(request.getInputStream(), limits.maxNdjsonLineBytes())) {
            int index = 0;
            for (Line line = reader.next(); line != null; line = reader.next()) {
                if (!line.tooLong() && line.text().isBlank()) {
                    continue;
                }
                if (index >= BulkIngest.MAX_RECORDS) {
                    throw new InvalidInputException(
                            "records", "at most " + BulkIngest.MAX_RECORDS + " records per request; split the batch");
                }
                if (line.tooLong()) {
                    unreadable.put(
                            index,
                            String.format(
                                    Locale.ROOT,
                                    "line %d is longer than %,d bytes, the limit",
                                    line.number(),
                                    limits.maxNdjsonLineBytes()));
                    index++;
                    continue;
                }
                try {
                    Map<String, Object> record = json.readValue(line.text(), OBJECT);
                    Optional<String> unstorable = unstorable(record, "");
                    if (unstorable.isPresent()) {
                        unreadable.put(index, "line " + line.number() + ": " + unstorable.get());
                    } else {
                        records.add(record);
                    }
                } catch (RuntimeException e) {
                    unreadable.put(
                            index,
                            "not a JSON object: "
                                    + e.getMessage().lines().findFirst().orElse(""));
                }
                index++;
            }
        }
        if (source == null || !source.matches(SOURCE) || CustomerImport.RESERVED_KINDS.contains(source)) {
            throw new InvalidInputException("source", SOURCE_RULE);
        }
        List<RecordResult> results = bulk.ingest(kind, source, records, unreadable);
        var totals = new LinkedHashMap<String, Long>();
        for (String outcome : List.of("created", "updated", "merged", "rejected")) {
            totals.put(
                    outcome,
                    results.stream().filter(r -> r.result().equals(outcome)).count());
        }
        return new BulkResponse(totals, results);
    }

    /** The first field (or key) of a record holding text no column can store as sent, and why. */
    private static Optional<String> unstorable(Object value, String path) {
        if (value instanceof String text) {
            return StorableText.problemWith(text).map(problem -> (path.isEmpty() ? "value" : path) + " " + problem);
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
                Optional<String> problem =
                        unstorable(String.valueOf(entry.getKey()), name).or(() -> unstorable(entry.getValue(), name));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> problem = unstorable(list.get(i), path + "[" + i + "]");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** "phone: '123' is not …; email: …" back into fields and problems. */
    private static Map<String, String> problems(String reason) {
        var problems = new LinkedHashMap<String, String>();
        for (String part : reason.split("; (?=\\w+: )")) {
            int colon = part.indexOf(": ");
            problems.put(colon > 0 ? part.substring(0, colon) : "record", colon > 0 ? part.substring(colon + 2) : part);
        }
        return problems;
    }
}

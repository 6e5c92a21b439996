package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.ExpiringCache;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Custom field definitions, and the checking of values against them. */
@Service
public class CustomFields {

    private static final String ALL = "all";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ExpiringCache<String, List<CustomFieldDefinition>> cache = new ExpiringCache<>(Duration.ofSeconds(5));

    CustomFields(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an admin submits to define a field. */
    public record NewField(String key, String label, CustomFieldType type, List<String> options, boolean required) {}

    /** The same list instance until the definitions change (or a few seconds pass, for other instances' changes). */
    public List<CustomFieldDefinition> definitions() {
        return cache.get(
                ALL,
                all -> List.copyOf(jdbc.sql(
                                "select id, key, label, type, options, required, position from custom_field_definitions"
                                        + " order by position, id")
                        .query(CustomFields::map)
                        .list()));
    }

    @Transactional
    public CustomFieldDefinition define(NewField field) {
        var errors = new LinkedHashMap<String, String>();
        if (field.key() == null || !field.key().matches("[a-z][a-z0-9_]{0,39}")) {
            errors.put("key", "lower-case letters, digits and _, starting with a letter, at most 40");
        }
        if (field.label() == null || field.label().isBlank()) {
            errors.put("label", "must not be blank");
        }
        if (field.type() == null) {
            errors.put("type", "one of " + Arrays.toString(CustomFieldType.values()));
        }
        List<String> options = field.options() == null
                ? List.of()
                : field.options().stream()
                        .map(String::strip)
                        .filter(option -> !option.isEmpty())
                        .distinct()
                        .toList();
        if (field.type() == CustomFieldType.ENUM && options.isEmpty()) {
            errors.put("options", "an enum field needs at least one option");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id;
        try {
            id = jdbc.sql("""
                            insert into custom_field_definitions (key, label, type, options, required, position, created_at)
                            values (?, ?, ?, ?::text[], ?,
                                    (select coalesce(max(position), 0) + 1 from custom_field_definitions), ?)
                            returning id""")
                    .params(
                            field.key(),
                            field.label().strip(),
                            field.type().name(),
                            (field.type() == CustomFieldType.ENUM ? options : List.<String>of()).toArray(String[]::new),
                            field.required(),
                            Timestamp.from(clock.instant()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A custom field with key '" + field.key() + "' exists already");
        }
        cache.clear();
        CustomFieldDefinition created = find(id);
        audit.record("create", "custom_field", id, null, created);
        return created;
    }

    /** Removes the definition; values stay in customers' records but are no longer shown or checked. */
    @Transactional
    public void remove(long id) {
        CustomFieldDefinition before = find(id);
        jdbc.sql("delete from custom_field_definitions where id = ?").param(id).update();
        cache.clear();
        audit.record("delete", "custom_field", id, before, null);
    }

    public CustomFieldDefinition find(long id) {
        return jdbc.sql("select id, key, label, type, options, required, position from custom_field_definitions"
                        + " where id = ?")
                .param(id)
                .query(CustomFields::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Custom field", id));
    }

    /**
     * Checks raw values (strings from a form, or JSON values) against the definitions and returns them typed: numbers
     * as {@link BigDecimal}, dates as ISO strings, booleans as {@link Boolean}. Blank values remove the field.
     *
     * @throws InvalidInputException naming each bad field as {@code customFields.KEY}
     */
    public Map<String, Object> check(Map<String, ?> raw, Map<String, Object> current) {
        var byKey = new LinkedHashMap<String, CustomFieldDefinition>();
        definitions().forEach(definition -> byKey.put(definition.key(), definition));
        var result = new LinkedHashMap<String, Object>(current == null ? Map.of() : current);
        var errors = new LinkedHashMap<String, String>();
        if (raw != null) {
            raw.forEach((key, value) -> {
                CustomFieldDefinition definition = byKey.get(key);
                if (definition == null) {
                    errors.put("customFields." + key, "no custom field '" + key + "' is defined");
                    return;
                }
                String text = value == null ? "" : value.toString().strip();
                if (text.isEmpty()) {
                    result.remove(key);
                    return;
                }
                try {
                    result.put(key, typed(definition, text));
                } catch (IllegalArgumentException e) {
                    errors.put("customFields." + key, e.getMessage());
                }
            });
        }
        // Required fields are enforced where custom fields are being edited, not on every profile change.
        byKey.values().stream()
                .filter(definition -> raw != null && definition.required())
                .filter(definition -> !result.containsKey(definition.key()))
                .forEach(definition -> errors.putIfAbsent("customFields." + definition.key(), "is required"));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return result;
    }

    private static Object typed(CustomFieldDefinition definition, String text) {
        return switch (definition.type()) {
            case TEXT -> {
                if (text.length() > 1000) {
                    throw new IllegalArgumentException("at most 1000 characters");
                }
                yield text;
            }
            case NUMBER -> {
                try {
                    yield new BigDecimal(text.replace(",", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a number");
                }
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(text).toString();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a date (yyyy-mm-dd)");
                }
            }
            case ENUM -> {
                if (!definition.options().contains(text)) {
                    throw new IllegalArgumentException("'" + text + "' is not one of " + definition.options());
                }
                yield text;
            }
            case BOOLEAN ->
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "on", "是" -> Boolean.TRUE;
                    case "false", "no", "0", "off", "否" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
                };
        };
    }

    private static CustomFieldDefinition map(ResultSet rs, int row) throws SQLException {
        return new CustomFieldDefinition(
                rs.getLong("id"),
                rs.getString("key"),
                rs.getString("label"),
                CustomFieldType.valueOf(rs.getString("type")),
                List.of((String[]) rs.getArray("options").getArray()),
                rs.getBoolean("required"),
                rs.getInt("position"));
    }
}

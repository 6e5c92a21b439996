package dev.retain.segments;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFields;
import dev.retain.segments.fields.CustomFieldCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The registry of fields conditions may test: every {@link ConditionField} bean, plus {@code custom.<key>} for each
 * custom field an admin defined. A name not found here is an error; nothing from input reaches SQL as a name.
 */
@Component
public class ConditionFields {

    public static final String CUSTOM_PREFIX = "custom.";

    private final Map<String, ConditionField> declared;
    private final CustomFields customFields;

    ConditionFields(List<ConditionField> fields, CustomFields customFields) {
        this.declared =
                fields.stream().collect(Collectors.toUnmodifiableMap(ConditionField::name, Function.identity()));
        this.customFields = customFields;
    }

    public Optional<ConditionField> find(String name) {
        if (name != null && name.startsWith(CUSTOM_PREFIX)) {
            String key = name.substring(CUSTOM_PREFIX.length());
            return customFields.definitions().stream()
                    .filter(definition -> definition.key().equals(key))
                    .findFirst()
                    .map(CustomFieldCondition::new);
        }
        return Optional.ofNullable(declared.get(name));
    }

    /** Every field, sorted by name, custom fields last: what the condition builder offers. */
    public List<ConditionField> all() {
        var fields = new ArrayList<>(declared.values());
        fields.sort(Comparator.comparing(ConditionField::name));
        for (CustomFieldDefinition definition : customFields.definitions()) {
            fields.add(new CustomFieldCondition(definition));
        }
        return fields;
    }
}

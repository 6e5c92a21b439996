package dev.retain.journeys;

import dev.retain.customers.CustomFieldDefinition;
import dev.retain.customers.CustomFields;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.Customers;
import dev.retain.customers.LifecycleStage;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.UserAccounts;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code update_field}: sets one of the customer's fields — {@code params.field} is {@code lifecycle_stage}, {@code
 * owner_id} or {@code custom.<key>} of a custom field, {@code params.value} the new value (checked like a value typed
 * on the customer page; an empty value clears a custom field). The change is audited and re-evaluates the customer's
 * segments like any other.
 */
@Component
class FieldActions implements JourneyAction {

    static final String CUSTOM = "custom.";

    private final Customers customers;
    private final CustomFields customFields;
    private final UserAccounts users;

    FieldActions(Customers customers, CustomFields customFields, UserAccounts users) {
        this.customers = customers;
        this.customFields = customFields;
        this.users = users;
    }

    @Override
    public String type() {
        return "update_field";
    }

    @Override
    public boolean reachesCustomer() {
        return false;
    }

    @Override
    public List<String> problems(JsonNode params) {
        String field = params.path("field").asString("");
        JsonNode value = params.path("value");
        switch (field) {
            case "lifecycle_stage":
                return stage(value).isPresent()
                        ? List.of()
                        : List.of("value: one of " + Arrays.toString(LifecycleStage.values()));
            case "owner_id":
                return ownerProblem(value);
            default:
                if (!field.startsWith(CUSTOM)) {
                    return List.of("field: lifecycle_stage, owner_id or custom.<key> of a custom field");
                }
                return customFieldProblem(field.substring(CUSTOM.length()), value);
        }
    }

    @Override
    public void run(ActionContext context) {
        long id = context.customerId();
        String field = context.params().get("field").asString();
        JsonNode value = context.params().path("value");
        CustomerDraft draft = CustomerDraft.of(customers.find(id));
        if (field.equals("lifecycle_stage")) {
            customers.update(id, draft.withLifecycleStage(stage(value).orElseThrow()));
        } else if (field.equals("owner_id")) {
            customers.update(id, draft.withOwnerId(value.asLong()));
        } else {
            Map<String, Object> values = new HashMap<>();
            values.put(field.substring(CUSTOM.length()), value.isNull() ? "" : value.asString());
            customers.updateCustomFields(id, values);
        }
    }

    private List<String> ownerProblem(JsonNode value) {
        try {
            users.find(value.asLong(0));
            return List.of();
        } catch (NotFoundException e) {
            return List.of("value: the id of a user to own the customer");
        }
    }

    private List<String> customFieldProblem(String key, JsonNode value) {
        Optional<CustomFieldDefinition> definition = customFields.definitions().stream()
                .filter(d -> d.key().equals(key))
                .findFirst();
        if (definition.isEmpty()) {
            return List.of("field: no custom field " + key);
        }
        Map<String, Object> raw = new HashMap<>();
        raw.put(key, value.isNull() || value.isMissingNode() ? "" : value.asString());
        try {
            customFields.check(raw, Map.of());
            return List.of();
        } catch (InvalidInputException e) {
            String problem = e.fieldErrors().get("customFields." + key); // other fields' rules are not this node's
            return problem == null ? List.of() : List.of("value: " + problem);
        }
    }

    private static Optional<LifecycleStage> stage(JsonNode value) {
        String name = value.asString("").trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(LifecycleStage.values())
                .filter(s -> s.name().equals(name))
                .findFirst();
    }
}

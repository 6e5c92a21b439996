package dev.retain.notifications;

import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** People and customers for the notification tests, each named with the test's token so tests never meet. */
final class NotificationFixtures {

    static final String CONTRACT_FIELD = "contract_end";
    static final String PASSWORD = "notification test password";

    private final UserAccounts users;
    private final Customers customers;
    final String token = Long.toString(System.nanoTime(), 36);

    NotificationFixtures(UserAccounts users, Customers customers, CustomFields fields) {
        this.users = users;
        this.customers = customers;
        if (fields.definitions().stream().noneMatch(field -> field.key().equals(CONTRACT_FIELD))) {
            fields.define(
                    new CustomFields.NewField(CONTRACT_FIELD, "Contract end", CustomFieldType.DATE, List.of(), false));
        }
    }

    long salesperson(String name) {
        return users.create(new UserAccounts.NewUser(
                        username(name), name, name + "-" + token + "@example.com", PASSWORD, Set.of(Role.SALES)))
                .id();
    }

    String username(String name) {
        return name + "-" + token;
    }

    long customer(String name, Long ownerId) {
        return customer(name, ownerId, null, Map.of());
    }

    long customer(String name, Long ownerId, LocalDate birthday, Map<String, ?> customFields) {
        return customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        name + " " + token,
                        null,
                        null,
                        null,
                        birthday,
                        "杭州",
                        null,
                        null,
                        ownerId,
                        null,
                        null,
                        "test",
                        customFields))
                .id();
    }
}

package dev.retain.segments.fields;

import static dev.retain.segments.DataChange.PROFILE;
import static dev.retain.segments.DataChange.TIME;

import dev.retain.customers.LifecycleStage;
import dev.retain.customers.PersonalDataSettings;
import dev.retain.customers.SensitiveField;
import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Conditions on the customer's own record. */
@Configuration(proxyBeanMethods = false)
class ProfileFields {

    @Bean
    ConditionField profileKind() {
        return SimpleConditionField.choice(
                "profile.kind", List.of("PERSON", "COMPANY"), Set.of(PROFILE), q -> q.customer("kind"));
    }

    @Bean
    ConditionField profileGender() {
        return SimpleConditionField.choice(
                "profile.gender", List.of("F", "M"), Set.of(PROFILE), q -> q.customer("gender"));
    }

    @Bean
    ConditionField profileStatus() {
        return SimpleConditionField.choice(
                "profile.status", List.of("ACTIVE", "INACTIVE"), Set.of(PROFILE), q -> q.customer("status"));
    }

    @Bean
    ConditionField profileLifecycleStage() {
        return SimpleConditionField.choice(
                "profile.lifecycle_stage",
                Arrays.stream(LifecycleStage.values()).map(Enum::name).toList(),
                Set.of(PROFILE),
                q -> q.customer("lifecycle_stage"));
    }

    @Bean
    ConditionField profileName() {
        return text("name");
    }

    @Bean
    ConditionField profileCity() {
        return text("city");
    }

    @Bean
    ConditionField profileRegion() {
        return text("region");
    }

    @Bean
    ConditionField profileIndustry() {
        return text("industry");
    }

    @Bean
    ConditionField profileSource() {
        return text("source");
    }

    @Bean
    ConditionField profileEmail(PersonalDataSettings personalData) {
        return contact(SensitiveField.EMAIL, "email_domain", personalData);
    }

    @Bean
    ConditionField profilePhone(PersonalDataSettings personalData) {
        return contact(SensitiveField.PHONE, "phone_prefix", personalData);
    }

    /** An email's domain ("qq.com"), kept beside it when the address is encrypted. */
    @Bean
    ConditionField profileEmailDomain() {
        return text("email_domain");
    }

    /** A phone's country code and first three digits ("+86 138"), kept beside it when the number is encrypted. */
    @Bean
    ConditionField profilePhonePrefix() {
        return text("phone_prefix");
    }

    /** The owner's user id; {@code is_empty} finds customers nobody owns. */
    @Bean
    ConditionField profileOwner() {
        return SimpleConditionField.of(
                "profile.owner_id", ValueType.NUMBER, Set.of(PROFILE), List.of(), (p, q) -> q.customer("owner_id"));
    }

    @Bean
    ConditionField profileBirthday() {
        return SimpleConditionField.of(
                "profile.birthday", ValueType.DATE, Set.of(PROFILE, TIME), List.of(), (p, q) -> q.customer("birthday"));
    }

    @Bean
    ConditionField profileSignedUp() {
        return SimpleConditionField.of(
                "profile.signed_up_at",
                ValueType.DATE,
                Set.of(PROFILE, TIME),
                List.of(),
                (p, q) -> q.localDate(q.customer("signed_up_at")));
    }

    @Bean
    ConditionField profileCreated() {
        return SimpleConditionField.of(
                "profile.created_at",
                ValueType.DATE,
                Set.of(PROFILE, TIME),
                List.of(),
                (p, q) -> q.localDate(q.customer("created_at")));
    }

    /**
     * A phone or email: compared as stored while it is plain. Once an admin marks it sensitive its values are encrypted,
     * so it only tells whether there is one (the derived column is there exactly when the value is): a new condition
     * with any other test is refused, naming the derived field to use instead. Conditions saved before keep running,
     * their text tests then reading the derived value.
     */
    private static ConditionField contact(SensitiveField field, String derived, PersonalDataSettings personalData) {
        ConditionField stored = SimpleConditionField.of(
                "profile." + field.column(),
                ValueType.TEXT,
                Set.of(PROFILE),
                List.of(),
                (p, q) -> "coalesce(" + q.customer(field.column()) + ", " + q.customer(derived) + ")");
        return new ConditionField() {
            @Override
            public String name() {
                return stored.name();
            }

            @Override
            public ValueType type() {
                return stored.type();
            }

            @Override
            public Set<DataChange> changedBy() {
                return stored.changedBy();
            }

            @Override
            public String problemWhenSaving(String op, Object value) {
                return personalData.isSensitive(field) && !op.equals("is_empty") && !op.equals("is_not_empty")
                        ? name() + " is encrypted (marked sensitive): a condition can only test whether it is empty"
                                + " (is_empty, is_not_empty); use profile." + derived + " instead"
                        : null;
            }

            @Override
            public String valueSql(Map<String, Object> parameters, FieldQuery query) {
                return stored.valueSql(parameters, query);
            }
        };
    }

    private static ConditionField text(String column) {
        return SimpleConditionField.of(
                "profile." + column, ValueType.TEXT, Set.of(PROFILE), List.of(), (p, q) -> q.customer(column));
    }
}

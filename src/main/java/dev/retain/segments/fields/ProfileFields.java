package dev.retain.segments.fields;

import static dev.retain.segments.DataChange.PROFILE;
import static dev.retain.segments.DataChange.TIME;

import dev.retain.customers.LifecycleStage;
import dev.retain.segments.ConditionField;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.Arrays;
import java.util.List;
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
    ConditionField profileEmail() {
        return text("email");
    }

    @Bean
    ConditionField profilePhone() {
        return text("phone");
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

    private static ConditionField text(String column) {
        return SimpleConditionField.of(
                "profile." + column, ValueType.TEXT, Set.of(PROFILE), List.of(), (p, q) -> q.customer(column));
    }
}

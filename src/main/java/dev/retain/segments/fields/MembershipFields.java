package dev.retain.segments.fields;

import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceNames;
import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Conditions on membership of a tag or a segment, named in the {@code name} parameter:
 * {@code {"field": "tag", "params": {"name": "VIP"}, "op": "is_true"}}.
 */
@Configuration(proxyBeanMethods = false)
class MembershipFields {

    @Bean
    ConditionField tagMembership(AudienceNames names) {
        return membership("tag", AudienceKind.TAG, names);
    }

    @Bean
    ConditionField segmentMembership(AudienceNames names) {
        return membership("segment", AudienceKind.SEGMENT, names);
    }

    private static ConditionField membership(String field, AudienceKind kind, AudienceNames names) {
        return SimpleConditionField.of(
                        field,
                        ValueType.BOOLEAN,
                        Set.of(DataChange.AUDIENCES),
                        List.of(FieldParameter.text("name", true)),
                        (p, q) -> "exists (select 1 from audience_members m where m.audience_id = "
                                + q.bind(
                                        names.idOf(kind, (String) p.get("name")).orElse(-1L))
                                + " and m.customer_id = c.id)")
                .checking((p, value) -> names.idOf(kind, (String) p.get("name")).isPresent()
                        ? null
                        : "there is no " + kind.name().toLowerCase() + " named \"" + p.get("name") + "\"");
    }
}

package dev.retain.segments.web;

import dev.retain.customers.ProfileAction;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The quick action "add a tag" on the customer page: the manual tags the customer does not have yet. */
@Component
class TagOnProfile implements ProfileAction {

    private final Audiences audiences;

    TagOnProfile(Audiences audiences) {
        this.audiences = audiences;
    }

    @Override
    public String id() {
        return "tag";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String fragment() {
        return "segments/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        Set<Long> held = audiences.membershipsOf(customerId).stream()
                .map(Audiences.Membership::audienceId)
                .collect(Collectors.toSet());
        return Map.of(
                "tags",
                audiences.list(AudienceKind.TAG).stream()
                        .filter(tag -> tag.mode() == AudienceMode.MANUAL && !held.contains(tag.id()))
                        .toList());
    }
}

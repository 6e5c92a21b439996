package dev.retain.segments.web;

import dev.retain.customers.ProfileSection;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import dev.retain.segments.RfmScores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's tags and segments with why, their RFM scores, and adding a manual tag. */
@Component
class SegmentsOnProfile implements ProfileSection {

    private final Audiences audiences;
    private final RfmScores rfm;

    SegmentsOnProfile(Audiences audiences, RfmScores rfm) {
        this.audiences = audiences;
        this.rfm = rfm;
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public String fragment() {
        return "segments/profile :: segments";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        var memberships = audiences.membershipsOf(customerId);
        List<Audience> manualTags = audiences.list(AudienceKind.TAG).stream()
                .filter(tag -> tag.mode() == AudienceMode.MANUAL)
                .filter(tag -> memberships.stream().noneMatch(m -> m.audienceId() == tag.id()))
                .toList();
        var data = new HashMap<String, Object>();
        data.put("customerId", customerId);
        data.put("memberships", memberships);
        data.put("manualTags", manualTags);
        data.put("rfm", rfm.of(customerId).orElse(null));
        return data;
    }
}

package dev.retain.demo.segments;

import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.AudienceTemplate;
import dev.retain.segments.Audiences;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * On its first day the company switched on the ready-made tags and defined the segment its account managers watch:
 * high-value customers starting to slip (the top monetary score, frequent buyers, no order for 60 to 90 days). The nightly
 * recompute keeps them current from then on.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class SegmentsPast implements PastChapter {

    /** The segment the high-value retention journey starts from. */
    static final String HIGH_VALUE_AT_RISK = "高价值流失风险";

    private final Audiences audiences;
    private final ObjectMapper json;
    private int tags;

    SegmentsPast(Audiences audiences, ObjectMapper json) {
        this.audiences = audiences;
        this.json = json;
    }

    @Override
    public void adopt(PastDay day) {
        AudienceTemplate.ALL.stream()
                .filter(template -> template.requiredFields().isEmpty())
                .forEach(template -> audiences.createFromTemplate(template.key()));
        tags = audiences.list(AudienceKind.TAG).size();
        audiences.create(
                AudienceKind.SEGMENT,
                new AudienceDraft(
                        HIGH_VALUE_AT_RISK,
                        "Monetary score 5, frequency score 4–5, no order for 60 to 90 days",
                        AudienceMode.DYNAMIC,
                        json.readTree("""
                                {"and": [{"field": "rfm.m", "op": "gte", "value": 5},
                                         {"field": "rfm.f", "op": "gte", "value": 4},
                                         {"field": "orders.days_since_last", "op": "between", "value": [60, 90]}]}"""),
                        true,
                        null));
    }

    @Override
    public void live(PastDay day) {}

    @Override
    public List<String> generated() {
        return List.of(tags + " ready-made tags and the segment " + HIGH_VALUE_AT_RISK + ", recomputed weekly since");
    }
}

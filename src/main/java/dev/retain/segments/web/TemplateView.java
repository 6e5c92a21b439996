package dev.retain.segments.web;

import dev.retain.segments.Audience;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceTemplate;
import dev.retain.segments.Audiences;
import dev.retain.segments.ConditionFields;
import java.util.List;

/** A tag template with whether it can be switched on (its fields exist) and the tag it made, if switched on. */
record TemplateView(AudienceTemplate template, boolean available, Long tagId) {

    static List<TemplateView> all(Audiences audiences, ConditionFields fields) {
        List<Audience> tags = audiences.list(AudienceKind.TAG);
        return AudienceTemplate.ALL.stream()
                .map(template -> new TemplateView(
                        template,
                        template.requiredFields().stream()
                                .allMatch(field -> fields.find(field).isPresent()),
                        tags.stream()
                                .filter(tag -> template.key().equals(tag.template()))
                                .map(Audience::id)
                                .findFirst()
                                .orElse(null)))
                .toList();
    }
}

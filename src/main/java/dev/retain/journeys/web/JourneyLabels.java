package dev.retain.journeys.web;

import dev.retain.journeys.JourneyGraph;
import dev.retain.platform.NotFoundException;
import dev.retain.segments.Audiences;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A journey's codes (step types, trigger types, entry rules) in the reader's language. The graph keeps the codes; only
 * the pages translate them, falling back to the code for one without a label.
 */
@Component
class JourneyLabels {

    private final MessageSource messages;
    private final Audiences audiences;

    JourneyLabels(MessageSource messages, Audiences audiences) {
        this.messages = messages;
        this.audiences = audiences;
    }

    Map<String, String> nodeTypes(Collection<String> types, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        types.forEach(type -> labels.put(type, nodeType(type, locale)));
        return labels;
    }

    /** "Add tag add_tag, Branch branch, …": the JSON editor wants the codes, the reader their meaning. */
    String glossary(Collection<String> types, Locale locale) {
        return types.stream()
                .map(type -> {
                    String label = nodeType(type, locale);
                    return label.equals(type) ? type : label + " " + type;
                })
                .collect(Collectors.joining(", "));
    }

    String nodeType(String type, Locale locale) {
        return messages.getMessage("journeys.node." + type, null, type, locale);
    }

    TriggerLabel trigger(JourneyGraph graph, Locale locale) {
        JourneyGraph.Trigger trigger = graph.trigger();
        String subject = trigger.audienceId() != null
                ? audienceName(trigger.audienceId())
                : trigger.eventType() != null ? trigger.eventType() : "—";
        String rule = graph.entryLimit().rule();
        return new TriggerLabel(
                messages.getMessage("journeys.triggerType." + trigger.type(), null, trigger.type(), locale),
                subject,
                messages.getMessage("journeys.entryRule." + rule, null, rule, locale));
    }

    /** The tag's or segment's name; its id when it was deleted since. */
    private String audienceName(long id) {
        try {
            return audiences.find(audiences.kindOf(id), id).name();
        } catch (NotFoundException gone) {
            return "#" + id;
        }
    }
}

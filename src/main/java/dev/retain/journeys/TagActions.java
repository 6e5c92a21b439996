package dev.retain.journeys;

import dev.retain.segments.Audiences;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** Journey actions on tags: {@code add_tag} and {@code remove_tag} with {@code params.tagId}. */
@Configuration(proxyBeanMethods = false)
class TagActions {

    @Bean
    JourneyAction addTagAction(Audiences audiences) {
        return new TagAction("add_tag", audiences, true);
    }

    @Bean
    JourneyAction removeTagAction(Audiences audiences) {
        return new TagAction("remove_tag", audiences, false);
    }

    private record TagAction(String type, Audiences audiences, boolean add) implements JourneyAction {

        @Override
        public boolean reachesCustomer() {
            return false;
        }

        @Override
        public List<String> problems(JsonNode params) {
            return params.path("tagId").asLong(0) > 0
                    ? List.of()
                    : List.of("tagId: the tag to " + (add ? "add" : "remove"));
        }

        @Override
        public void run(ActionContext context) {
            long tagId = context.params().get("tagId").asLong();
            Map<String, Object> reason = Map.of("journey", context.sourceRef());
            if (add) {
                audiences.tag(tagId, List.of(context.customerId()), reason);
            } else {
                audiences.untag(tagId, List.of(context.customerId()), reason);
            }
        }
    }
}

package dev.retain.service.dispatch;

import java.util.List;

/**
 * An agent's part in dispatch: on duty or not, their own cap of open tickets (null: their team's), the categories
 * they handle (empty: all) and the languages they speak.
 */
public record AgentDispatch(long userId, boolean onDuty, Integer cap, List<Long> categories, List<String> languages) {

    public AgentDispatch {
        categories = categories == null ? List.of() : List.copyOf(categories);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}

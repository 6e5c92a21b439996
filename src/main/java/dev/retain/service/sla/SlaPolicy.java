package dev.retain.service.sla;

import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An SLA policy: which tickets it covers (empty lists match any priority, category or channel; the customer condition,
 * in the segments' language, may test tier, segments and other customer fields) and its targets in business minutes
 * on its calendar (null calendar: the standard one; a null target is not measured).
 */
public record SlaPolicy(
        long id,
        int position,
        String name,
        List<TicketPriority> priorities,
        List<Long> categoryIds,
        List<TicketChannel> channels,
        JsonNode customerCondition,
        Long calendarId,
        Integer firstResponseMinutes,
        Integer nextResponseMinutes,
        Integer resolutionMinutes,
        boolean pauseWhenPending,
        boolean pauseWhenOnHold,
        int warnPercent,
        boolean active) {

    public Integer minutes(SlaTarget target) {
        return switch (target) {
            case FIRST_RESPONSE -> firstResponseMinutes;
            case NEXT_RESPONSE -> nextResponseMinutes;
            case RESOLUTION -> resolutionMinutes;
        };
    }
}

package dev.retain.service.sla;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A policy as written by an admin (API body or form), checked by {@link SlaPolicies}. */
public record SlaPolicyDraft(
        String name,
        Integer position,
        List<String> priorities,
        List<Long> categoryIds,
        List<String> channels,
        JsonNode customerCondition,
        Long calendarId,
        Integer firstResponseMinutes,
        Integer nextResponseMinutes,
        Integer resolutionMinutes,
        Boolean pauseWhenPending,
        Boolean pauseWhenOnHold,
        Integer warnPercent,
        Boolean active) {}

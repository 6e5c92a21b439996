package dev.retain.segments;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the stored values that decided a membership. */
final class Reasons {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Reasons() {}

    static Map<String, Object> read(String json) {
        return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }
}

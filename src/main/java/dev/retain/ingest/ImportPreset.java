package dev.retain.ingest;

import java.util.Map;

/** A saved column mapping for files from one source, so the next export of the same kind imports in one step. */
public record ImportPreset(
        String name, ImportKind kind, String source, Map<String, String> mapping, ImportOptions options) {}

package dev.retain.service;

import java.time.Instant;

/** One saved version of an article; {@code restoredFrom} says which older version it brought back, if any. */
public record ArticleVersion(
        long articleId,
        int version,
        String title,
        String body,
        ArticleLocale locale,
        long categoryId,
        ArticleVisibility visibility,
        Long translationOf,
        Instant savedAt,
        String savedBy,
        Integer restoredFrom) {}

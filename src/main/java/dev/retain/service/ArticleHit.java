package dev.retain.service;

import java.time.Instant;

/**
 * An article a search found, best first. {@code titleHtml} and {@code snippetHtml} are HTML: the text escaped, the
 * parts that matched the query in {@code <mark>}; {@code score} orders the hits (title above body, the whole query
 * above its parts).
 */
public record ArticleHit(
        long id,
        String title,
        String titleHtml,
        String snippetHtml,
        ArticleLocale locale,
        long categoryId,
        String category,
        ArticleVisibility visibility,
        ArticleStatus status,
        long uses,
        Instant updatedAt,
        double score) {}

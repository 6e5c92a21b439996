package dev.retain.service;

import java.time.Instant;

/**
 * An article as it stands now: its latest version, its audience and state, who wrote it, the article it translates
 * (or that translates it: {@code translations}), and how many tickets it helped to solve.
 */
public record Article(
        long id,
        String title,
        String body,
        ArticleLocale locale,
        long categoryId,
        String category,
        ArticleVisibility visibility,
        ArticleStatus status,
        Long translationOf,
        int version,
        String author,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        Instant publishedAt,
        long uses) {}

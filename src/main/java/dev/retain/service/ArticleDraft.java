package dev.retain.service;

/**
 * An article as an editor saves it. {@code locale} is a language tag ({@code zh-CN} or {@code en}); {@code
 * visibility} defaults to INTERNAL; {@code translationOf} names the article this one translates, if any.
 */
public record ArticleDraft(
        String title, String body, String locale, Long categoryId, ArticleVisibility visibility, Long translationOf) {}

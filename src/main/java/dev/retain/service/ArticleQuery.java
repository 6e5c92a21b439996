package dev.retain.service;

import java.util.Set;

/**
 * A search of the knowledge base: the words typed (at most {@link KnowledgeBase#MAX_QUERY} characters; blank lists
 * articles most recently updated first), the language and category to keep to (null: any), the visibilities and
 * states to find, and how many hits at most.
 */
public record ArticleQuery(
        String text,
        ArticleLocale locale,
        Long categoryId,
        Set<ArticleVisibility> visibilities,
        Set<ArticleStatus> statuses,
        int limit) {

    public ArticleQuery {
        visibilities = visibilities == null || visibilities.isEmpty()
                ? Set.of(ArticleVisibility.values())
                : Set.copyOf(visibilities);
        statuses = statuses == null || statuses.isEmpty() ? Set.of(ArticleStatus.PUBLISHED) : Set.copyOf(statuses);
    }

    /** Published articles this audience may read. */
    public static ArticleQuery published(String text, ArticleLocale locale, ArticleAudience audience, int limit) {
        return new ArticleQuery(text, locale, null, audience.visible(), Set.of(ArticleStatus.PUBLISHED), limit);
    }
}

package dev.retain.service;

import java.util.Set;

/** Who a search is for, and so which articles it may find: customers see public ones, staff every one. */
public enum ArticleAudience {
    CUSTOMERS(Set.of(ArticleVisibility.PUBLIC)),
    STAFF(Set.of(ArticleVisibility.PUBLIC, ArticleVisibility.INTERNAL));

    private final Set<ArticleVisibility> visible;

    ArticleAudience(Set<ArticleVisibility> visible) {
        this.visible = visible;
    }

    public Set<ArticleVisibility> visible() {
        return visible;
    }
}

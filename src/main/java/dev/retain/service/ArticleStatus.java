package dev.retain.service;

/** Where an article stands: written but not shown, shown to its audience, or kept but no longer shown. */
public enum ArticleStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}

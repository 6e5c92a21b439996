package dev.retain.service;

/** Who may read a published article: customers on the portal too ({@code PUBLIC}), or agents only ({@code INTERNAL}). */
public enum ArticleVisibility {
    PUBLIC,
    INTERNAL
}

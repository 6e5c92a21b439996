package dev.retain.service;

/** A category of the knowledge base, with the number of articles in it that are not archived. */
public record ArticleCategory(long id, String name, int position, long articles) {}

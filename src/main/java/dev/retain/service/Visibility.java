package dev.retain.service;

/** A public reply the customer sees, or an internal note only the desk sees. */
public enum Visibility {
    PUBLIC,
    INTERNAL
}

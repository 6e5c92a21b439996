package dev.retain.customers;

/** The types an admin can give a custom field. */
public enum CustomFieldType {
    TEXT,
    NUMBER,
    DATE,
    ENUM,
    BOOLEAN
}

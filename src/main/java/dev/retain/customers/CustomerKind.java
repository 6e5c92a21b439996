package dev.retain.customers;

/** B2C or B2B: a person, or a company with contacts. */
public enum CustomerKind {
    PERSON,
    COMPANY
}

package dev.retain.customers;

/** A person at a company customer (联系人). */
public record Contact(long id, long customerId, String name, String title, String phone, String email) {}

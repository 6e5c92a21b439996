package dev.retain.customers;

/** One way to recognise a customer: ("phone", "+8613812345678"), ("email", …), ("erp", "C-1001"), ("wechat", …). */
public record Identity(String kind, String value) {}

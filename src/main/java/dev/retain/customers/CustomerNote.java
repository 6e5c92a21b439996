package dev.retain.customers;

import java.time.Instant;

/** A note someone on the team wrote on a customer: who ({@code author}, a user name) and when. */
public record CustomerNote(long id, long customerId, String body, String author, Instant createdAt) {}

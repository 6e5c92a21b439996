package dev.retain.sales;

/** A reason an opportunity is lost, offered as a choice (free text is allowed too). */
public record LostReason(long id, String name, int position) {}

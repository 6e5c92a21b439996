package dev.retain.sales;

/**
 * A stage of the sales funnel: its place ({@code position}, smaller first), the chance in percent that an opportunity
 * standing in it is won, and the days after which an opportunity left in it without a move is stuck (null: never).
 */
public record OpportunityStage(long id, String name, int position, int probability, Integer stuckAfterDays) {}

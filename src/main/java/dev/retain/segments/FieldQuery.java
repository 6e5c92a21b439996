package dev.retain.segments;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a {@link ConditionField} uses to write its SQL: the customer row, bind parameters, aggregates over the facts
 * of other modules (through their published views), and joined per-customer subqueries. Nothing a field writes comes
 * from user input except through {@link #bind}.
 */
public interface FieldQuery {

    /** A column of {@code customer_profiles_view} for the customer being evaluated, e.g. {@code "city"}. */
    String customer(String column);

    /** A bind parameter holding {@code value}; returns its placeholder. */
    String bind(Object value);

    /** The instant the evaluation is "as of". */
    Instant now();

    /** Today in the company's time zone. */
    LocalDate today();

    /** The date, in the company's time zone, of a {@code timestamptz} expression. */
    String localDate(String timestamp);

    /**
     * An aggregate over the customer's rows of a fact source, e.g. {@code count(*)}, counting only rows matching
     * {@code filter} (SQL over the source's columns, or null) at or after {@code since} (or null for all time).
     * Returns an expression that reads it; it is null for customers without such rows.
     */
    String aggregate(FactSource source, String expression, String filter, Instant since);

    /**
     * A subquery with one row per customer ({@code customer_id, value}) joined to the customer; returns the
     * expression that reads {@code value}. Put {@link #scope} into its {@code where} so evaluations for a few
     * customers read only their rows.
     */
    default String perCustomer(String subquery) {
        return perCustomer(subquery, "value");
    }

    /**
     * A subquery with one row per customer ({@code customer_id} and other columns) joined to the customer once,
     * however many criteria read it; returns the expression that reads {@code column}.
     */
    String perCustomer(String subquery, String column);

    /** The predicate restricting {@code customerIdColumn} to the customers being evaluated ({@code true} for all). */
    String scope(String customerIdColumn);
}

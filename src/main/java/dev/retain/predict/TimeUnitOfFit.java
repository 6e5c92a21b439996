package dev.retain.predict;

/** The time unit a model is fitted in: its rates and ages are per day or per week. */
public enum TimeUnitOfFit {
    DAYS(1),
    WEEKS(7);

    private final int days;

    TimeUnitOfFit(int days) {
        this.days = days;
    }

    public double of(long days) {
        return (double) days / this.days;
    }
}

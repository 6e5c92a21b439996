-- predict: the churn risk each customer had at the last scoring before the current week began, so that "whose risk
-- rose this week" compares today's scores with it. One row per customer, replaced whole at the first scoring of a week.
create table churn_risk_baseline (
    customer_id bigint primary key,
    probability double precision not null,
    scored_at   timestamptz      not null
);

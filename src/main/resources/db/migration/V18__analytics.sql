-- segments, predict: views published for the dashboards
create view audience_members_view as
select audience_id, customer_id from audience_members;

create view rfm_scores_view as
select customer_id, r, f, m, segment, value_cell, monetary from rfm_scores;

create view customer_scores_view as
select coalesce(c.customer_id, s.customer_id) as customer_id, c.p_alive, c.predicted_clv,
       s.probability as churn_risk, s.band as churn_band
from clv_scores c full join churn_scores s on s.customer_id = c.customer_id;

-- commerce: paid orders in a date range are read through this index alone (no table visits)
create index orders_paid_time_idx on orders (ordered_at) include (customer_id, base_amount) where status = 'PAID';

-- analytics: aggregates kept so the dashboard never scans the whole order history on a request.

-- One row per customer with a paid order: the first and last order, the lifetime count and spend, and the spend of the
-- 365 days before refreshed_at. Kept current customer by customer as orders are recorded, rebuilt after large imports.
create table analytics_buyers (
    customer_id    bigint primary key,
    first_order_at timestamptz    not null,
    last_order_at  timestamptz    not null,
    paid_orders    int            not null,
    revenue        numeric(16, 2) not null,
    revenue_365d   numeric(16, 2) not null,
    refreshed_at   timestamptz    not null
);
create index analytics_buyers_first_idx on analytics_buyers (first_order_at);

-- The cohort matrix of the whole customer base: customers acquired in a month (first paid order, company time zone),
-- by months since, with how many of them ordered and what they spent. Rebuilt as a whole, after order changes.
create table analytics_cohorts (
    cohort_month date           not null,
    months_since int            not null,
    customers    bigint         not null,
    revenue      numeric(18, 2) not null,
    primary key (cohort_month, months_since)
);

create table analytics_refreshes (
    id           int primary key default 1 check (id = 1),
    buyers_at    timestamptz,
    cohorts_at   timestamptz,
    -- orders changed since the cohorts were built
    cohorts_stale boolean not null default true
);
insert into analytics_refreshes (id) values (1);

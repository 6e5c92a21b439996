-- Reminders of points about to expire: the nightly run records a `points_expiring` event for each member whose
-- spendable points reach their last day within `expiry_reminder_days` (0: no reminders), once per member and last day.
-- What one point is worth in the base currency, for the programme's liability on the dashboard.
alter table loyalty_settings
    add column expiry_reminder_days int not null default 30 check (expiry_reminder_days between 0 and 365),
    add column point_value numeric(12, 4) not null default 0.01 check (point_value >= 0);

create table loyalty_expiry_reminders (
    customer_id bigint      not null,
    expires_on  date        not null,
    points      bigint      not null check (points > 0),
    reminded_at timestamptz not null,
    primary key (customer_id, expires_on)
);
select scope_by_customer('loyalty_expiry_reminders');

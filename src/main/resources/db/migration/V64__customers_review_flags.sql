-- Customers someone should look at: created by a channel from an unknown sender (a mail, a call from a new number),
-- with the reason, until a person clears the flag. Owned by the customers module; the service desk raises them.
create table customer_review_flags (
    customer_id bigint      primary key references customers (id) on delete cascade,
    reason      text        not null check (length(reason) between 1 and 200),
    flagged_by  text        not null,
    flagged_at  timestamptz not null
);
create index customer_review_flags_at on customer_review_flags (flagged_at);
select scope_by_customer('customer_review_flags');

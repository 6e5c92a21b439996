-- commerce: returns and credit notes (an ERP's negative quantities) are orders of their own with status RETURNED and
-- negative amounts; the order they return counts net of them, so every reader of paid_orders_view (RFM, lifetime
-- value, revenue, churn features) sees spend net of returns without knowing returns exist.
-- ingest: bulk and sync API calls keep a daily account per source, so data-quality alerts watch them as they watch files.

alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check check (status in ('PAID', 'REFUNDED', 'CANCELLED', 'RETURNED'));

alter table orders
    -- the external id (same source) of the order a return returns; kept even before that order is known, so an
    -- original imported later is netted then
    add column returns_external_id  text,
    -- the base-currency total of the returns of this order, kept by the import that writes either of them
    add column returned_base_amount numeric(14, 2) not null default 0;
create index orders_returns_idx on orders (source, returns_external_id) where returns_external_id is not null;

alter table order_lines drop constraint order_lines_quantity_check;
alter table order_lines add constraint order_lines_quantity_check check (quantity <> 0);

-- A purchase counts with what the customer kept; one returned in full is no purchase at all.
create or replace view paid_orders_view as
select id, customer_id, ordered_at, (base_amount - returned_base_amount)::numeric(14, 2) as base_amount, coupon_code
from orders
where status = 'PAID' and (returned_base_amount = 0 or base_amount > returned_base_amount);

-- One import job per source, kind and day holds the account of that day's API calls.
alter table import_jobs add column api_day date;
create unique index import_jobs_api_day_idx on import_jobs (kind, source, api_day) where api_day is not null;

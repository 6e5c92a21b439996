-- customers: every change of a custom field's value, so a past day's value can be known (e.g. the contract end date a
-- customer had then, which a renewal has since moved)
create table custom_field_history (
    customer_id bigint      not null,
    field       text        not null,
    -- the new value as text; null when the field was removed
    value       text,
    changed_at  timestamptz not null
);
create index custom_field_history_field_idx on custom_field_history (field, customer_id, changed_at);

create function record_custom_field_changes() returns trigger language plpgsql as $$
begin
    insert into custom_field_history (customer_id, field, value, changed_at)
    select new.id, coalesce(n.key, o.key), n.value #>> '{}', now()
    from jsonb_each(new.custom_fields) n
    full join jsonb_each(case when tg_op = 'UPDATE' then old.custom_fields else '{}'::jsonb end) o on o.key = n.key
    where n.value is distinct from o.value;
    return null;
end
$$;

-- written by whatever changes a customer (UI, API, import, merge): no path can forget it
create trigger customers_custom_fields_inserted after insert on customers
    for each row when (new.custom_fields <> '{}'::jsonb) execute function record_custom_field_changes();
create trigger customers_custom_fields_updated after update of custom_fields on customers
    for each row when (old.custom_fields is distinct from new.custom_fields) execute function record_custom_field_changes();

-- customers publishes the history to the modules that read it
create view custom_field_history_view as
select customer_id, field, value, changed_at from custom_field_history;

-- the values held today, known at least since the customer was last updated
insert into custom_field_history (customer_id, field, value, changed_at)
select c.id, f.key, f.value #>> '{}', c.updated_at
from customers c, jsonb_each(c.custom_fields) f;

-- predict: churn as non-renewal of a contract, for companies whose customers hold contracts
alter table churn_settings
    add column basis          text not null default 'REPEAT_PURCHASE'
        check (basis in ('REPEAT_PURCHASE', 'CONTRACT_RENEWAL')),
    -- the DATE custom field holding each customer's contract end
    add column contract_field text,
    -- a renewal signed up to this many days after the contract ended still counts
    add column grace_days     int  not null default 30 check (grace_days between 0 and 365),
    add check (basis <> 'CONTRACT_RENEWAL' or contract_field is not null);
alter table churn_models add column basis text not null default 'REPEAT_PURCHASE';

-- Data scopes: who sees which customers, enforced once, in the database, by row-level security.
--
-- A request of someone whose scope is not "all" runs as the role retain_scoped, with the owners whose customers they
-- may see in the setting retain.scope_owners. A restrictive policy on customers, and on every table keyed by
-- customer_id, lets that role see and change only those customers (and customers without an owner, who are in the
-- pool) and their facts. Every other role, the application's own included, sees everything through the permissive
-- policy "everyone", so background work and people with scope "all" are untouched.

create table role_data_scopes (
    role       text primary key check (role in ('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE', 'ANALYST')),
    scope      text not null check (scope in ('OWN', 'TEAM', 'ALL')),
    updated_at timestamptz not null default now()
);
insert into role_data_scopes (role, scope) values
    ('ADMIN', 'ALL'), ('MANAGER', 'TEAM'), ('MARKETER', 'ALL'), ('ANALYST', 'ALL'), ('SALES', 'OWN'), ('SERVICE', 'OWN');

-- A key bound to a user acts within that user's scope; keys without one (all existing keys) are system integrations.
alter table api_keys add column user_id bigint references users (id);

do $$
begin
    if not exists (select from pg_roles where rolname = 'retain_scoped') then
        begin
            create role retain_scoped nologin;
        exception when insufficient_privilege then
            raise exception 'Retain needs the role retain_scoped for data scopes and may not create roles. '
                'Ask the database administrator to run: create role retain_scoped nologin; grant retain_scoped to %;',
                current_user;
        end;
    end if;
    if not pg_has_role(current_user, 'retain_scoped', 'member') then
        execute format('grant retain_scoped to %I', current_user);
    end if;
end $$;

grant usage on schema public to retain_scoped;
grant select, insert, update, delete on all tables in schema public to retain_scoped;
grant usage, select on all sequences in schema public to retain_scoped;
alter default privileges in schema public grant select, insert, update, delete on tables to retain_scoped;
alter default privileges in schema public grant usage, select on sequences to retain_scoped;

-- Whose customers the scoped role sees: customers without an owner, and those of the owners in its setting.
alter table customers enable row level security;
create policy everyone on customers using (true) with check (true);
create policy within_scope on customers as restrictive to retain_scoped
    using (owner_id is null or owner_id = any (current_setting('retain.scope_owners')::bigint[]))
    with check (owner_id is null or owner_id = any (current_setting('retain.scope_owners')::bigint[]));

-- Puts a table keyed by customer_id under the data scope: its rows are seen and changed with their customer.
-- Every migration that creates such a table calls it (DataScopeSchemaTests checks that none is left out).
create function scope_by_customer(keyed regclass) returns void language plpgsql as $$
begin
    execute format('alter table %s enable row level security', keyed);
    execute format('create policy everyone on %s using (true) with check (true)', keyed);
    execute format('create policy within_scope on %s as restrictive to retain_scoped'
                   ' using (customer_id in (select id from customers))'
                   ' with check (customer_id in (select id from customers))', keyed);
end $$;

select scope_by_customer(keyed)
from (values ('analytics_buyers'), ('audience_changes'), ('audience_members'), ('churn_risk_baseline'),
             ('churn_scores'), ('clv_scores'), ('contact_consents'), ('contacts'), ('coupons'),
             ('custom_field_history'), ('customer_identities'), ('customer_notes'), ('duplicate_candidates'),
             ('events'), ('follow_ups'), ('import_merges'), ('journey_enrolments'), ('journey_history'),
             ('message_deliveries'), ('order_lines'), ('orders'), ('outbox_messages'), ('rfm_history'),
             ('rfm_scores'), ('segment_reevaluations'), ('tasks')) as t (keyed);

-- A suppression of an address nobody owns stops every sender: the scoped role must see it too.
alter table suppressions enable row level security;
create policy everyone on suppressions using (true) with check (true);
create policy within_scope on suppressions as restrictive to retain_scoped
    using (customer_id is null or customer_id in (select id from customers))
    with check (customer_id is null or customer_id in (select id from customers));

-- A view reads its tables with its owner's rights unless it is a security invoker: every view is one, so the scope
-- reaches through views too.
do $$
declare
    view_name name;
begin
    for view_name in select viewname from pg_views where schemaname = 'public' loop
        execute format('alter view %I set (security_invoker = true)', view_name);
    end loop;
end $$;

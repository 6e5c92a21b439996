-- loyalty: points for customer events (sign-in, review, profile completed, or any event name), as part of the
-- versioned earning rules, with a daily cap and a lifetime cap per member; awards of reason EVENT.

alter table loyalty_transactions drop constraint loyalty_transactions_reason_check;
alter table loyalty_transactions add constraint loyalty_transactions_reason_check
    check (reason in ('ORDER', 'REFUND', 'ADJUSTMENT', 'REDEMPTION', 'EXPIRY', 'TRANSFER', 'REFERRAL', 'CAMPAIGN',
                      'ACTIVATION', 'EVENT'));

-- The events a version rewards: an event of this name (events.type) occurring while the version is the newest one
-- earns `points`, at most `daily_cap` events of the name per member and company day, and at most `lifetime_cap` ever
-- (null: no cap); with a property filter, only events whose property `property_key` equals `property_value`. Part of
-- the version: append-only like it.
create table loyalty_rule_events (
    rule_version   int    not null references loyalty_earning_rules (version),
    event          text   not null check (length(event) between 1 and 100),
    label          text   check (length(label) between 1 and 100),
    points         int    not null check (points between 1 and 1000000),
    daily_cap      int    check (daily_cap between 1 and 1000000),
    lifetime_cap   int    check (lifetime_cap between 1 and 1000000),
    property_key   text   check (length(property_key) between 1 and 100),
    property_value text   check (length(property_value) between 1 and 200),
    check ((property_key is null) = (property_value is null)),
    primary key (rule_version, event)
);
create trigger loyalty_rule_events_append_only before update or delete on loyalty_rule_events
    for each row execute function loyalty_rules_append_only();

-- How many events of a name earned points for a member on a company day, and their points: what the daily and the
-- lifetime caps are checked against. Written only while the member's row is locked, so events arriving at once
-- never pass a cap. Which events earned is in loyalty_keys (`event:<event id>`).
create table loyalty_event_days (
    customer_id bigint not null,
    event       text   not null,
    day         date   not null,
    events      int    not null check (events > 0),
    points      bigint not null check (points > 0),
    primary key (customer_id, event, day)
);
select scope_by_customer('loyalty_event_days');

-- The events module's published view of events gains each event's id, so an award can name the event it was for
-- (its idempotency key) whatever customer a merge moves the event to.
create or replace view events_view with (security_invoker = true) as
select customer_id, type, occurred_at, properties, id from events;

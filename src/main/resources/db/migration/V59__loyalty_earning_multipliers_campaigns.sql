-- loyalty: earning rules by order-line category and product, a birthday-month multiplier, and campaigns (积分活动)
-- that give bonus points on orders placed in their window within a points budget and a per-member limit.

-- Orders placed in the member's birthday month (company time zone) earn this much more.
alter table loyalty_earning_rules
    add column birthday_multiplier numeric(6, 2) not null default 1
        check (birthday_multiplier > 0 and birthday_multiplier <= 100);

-- Multipliers of a version by order-line category and by SKU; a product's wins over its category's. Part of the
-- version: append-only like it.
create table loyalty_rule_multipliers (
    rule_version int           not null references loyalty_earning_rules (version),
    kind         text          not null check (kind in ('CATEGORY', 'PRODUCT')),
    key          text          not null check (length(key) between 1 and 200),
    multiplier   numeric(6, 2) not null check (multiplier > 0 and multiplier <= 100),
    primary key (rule_version, kind, key)
);
create trigger loyalty_rule_multipliers_append_only before update or delete on loyalty_rule_multipliers
    for each row execute function loyalty_rules_append_only();

-- The birthday multiplier an order earned with, kept like its tier multiplier. Null: none (×1).
alter table loyalty_order_points add column birthday_multiplier numeric(6, 2);

-- Campaigns (a small settings table): orders placed in [starts_at, ends_at) earn a bonus, either their points times
-- (multiplier - 1) or a fixed number of points, if at least the minimum amount and (with a category) with a line of
-- it; never beyond the budget (awarded: the points the campaign's orders hold now) nor the member limit.
create sequence loyalty_campaign_ids;
create table loyalty_campaigns (
    id             bigint         primary key default nextval('loyalty_campaign_ids'),
    name           text           not null unique check (length(name) between 1 and 100),
    starts_at      timestamptz    not null,
    ends_at        timestamptz    not null,
    multiplier     numeric(6, 2)  check (multiplier > 1 and multiplier <= 100),
    bonus_points   bigint         check (bonus_points between 1 and 1000000),
    minimum_amount numeric(14, 2) check (minimum_amount >= 0),
    category       text           check (length(category) between 1 and 200),
    budget         bigint         not null check (budget between 0 and 1000000000),
    member_limit   bigint         check (member_limit between 1 and 1000000000),
    awarded        bigint         not null default 0 check (awarded >= 0),
    created_at     timestamptz    not null,
    created_by     text           not null,
    updated_at     timestamptz    not null,
    updated_by     text           not null,
    check (ends_at > starts_at),
    check ((multiplier is null) <> (bonus_points is null))
);
create index loyalty_campaigns_window on loyalty_campaigns (starts_at, ends_at);

-- What each campaign gave each order: granted when the order first earned it (within budget and limit), points held
-- now (net of what refunds took back), and its transactions so far (the next one's idempotency key).
create table loyalty_campaign_orders (
    customer_id  bigint not null,
    campaign_id  bigint not null references loyalty_campaigns (id),
    order_id     bigint not null,
    granted      bigint not null check (granted >= 0),
    points       bigint not null check (points >= 0 and points <= granted),
    transactions int    not null,
    primary key (customer_id, campaign_id, order_id)
);
create index loyalty_campaign_orders_order on loyalty_campaign_orders (order_id);
select scope_by_customer('loyalty_campaign_orders');

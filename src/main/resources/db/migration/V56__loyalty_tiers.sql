-- loyalty tiers (会员等级): ordered tiers with a qualifying threshold and their benefits, how members qualify, each
-- member's tier with its review date, and the history of tier moves.
--
-- A member qualifies by one basis over a rolling window of months: POINTS earned (points of awards that are
-- spendable, net of what refunds took back; never the balance, never pending points), SPEND (paid orders' amount in the
-- base currency) or ORDERS (paid orders). Upgrades happen at once; a downgrade only at the member's review date, after
-- a grace period, to the tier the value qualifies for.

-- How members qualify and when they are reviewed (one row).
create table loyalty_tier_settings (
    id            int         primary key default 1 check (id = 1),
    basis         text        not null default 'POINTS' check (basis in ('POINTS', 'SPEND', 'ORDERS')),
    window_months int         not null default 12 check (window_months between 1 and 120),
    -- a member's review comes this many months after reaching the tier (and after each review kept)
    review_months int         not null default 12 check (review_months between 1 and 120),
    -- below the threshold at the review: this many days to make it up before moving down
    grace_days    int         not null default 30 check (grace_days between 0 and 365),
    -- the "will downgrade" reminder this many days before the grace ends
    warning_days  int         not null default 14 check (warning_days between 0 and 365),
    updated_at    timestamptz not null default now(),
    updated_by    text        not null default 'system'
);
insert into loyalty_tier_settings (id) values (1);

-- The tiers, ordered by rank (0 the lowest), thresholds strictly increasing with the rank; a small settings table.
create sequence loyalty_tier_ids;
create table loyalty_tiers (
    id                  int            primary key default nextval('loyalty_tier_ids'),
    rank                int            not null unique,
    name                text           not null unique check (length(name) between 1 and 50),
    -- the qualifying value (points, base currency or orders) a member needs over the window
    threshold           numeric(14, 2) not null check (threshold >= 0),
    -- points earned by orders are multiplied by this (the tier at the time of the order)
    multiplier          numeric(6, 2)  not null default 1 check (multiplier >= 0 and multiplier <= 100),
    -- a coupon of this campaign is issued on reaching the tier (coupons' id; null: none)
    welcome_campaign_id bigint,
    -- points given once a year in the member's birthday month (0: none)
    birthday_points     bigint         not null default 0 check (birthday_points between 0 and 1000000),
    free_shipping       boolean        not null default false
);

-- Each member's tier: since when, the next review, the end of a grace period running after a review found them below
-- the threshold, and the review a "will downgrade" reminder was sent for (once per review).
create table loyalty_member_tiers (
    customer_id  bigint      primary key,
    tier_id      int         references loyalty_tiers (id) on delete set null,
    since        timestamptz not null,
    review_on    date        not null,
    grace_until  date,
    warned_for   date,
    updated_at   timestamptz not null
);
create index loyalty_member_tiers_review on loyalty_member_tiers (review_on);
select scope_by_customer('loyalty_member_tiers');

-- Every tier move, up or down, with the qualifying value at that moment. Names are kept as they were: tiers may be
-- renamed or removed later.
create sequence loyalty_tier_history_ids;
create table loyalty_tier_history (
    customer_id  bigint         not null,
    id           bigint         not null default nextval('loyalty_tier_history_ids'),
    from_tier_id int,
    from_tier    text,
    to_tier_id   int,
    to_tier      text,
    direction    text           not null check (direction in ('UP', 'DOWN')),
    qualifying   numeric(14, 2) not null,
    at           timestamptz    not null,
    primary key (customer_id, id)
);
create index loyalty_tier_history_at on loyalty_tier_history (customer_id, at desc);
select scope_by_customer('loyalty_tier_history');

-- The multiplier an order earned with (the member's tier at the time of the order), so its points are compared by
-- the same multiplier later, whatever tier the member holds then. Null: earned before tiers, ×1.
alter table loyalty_order_points add column multiplier numeric(6, 2);

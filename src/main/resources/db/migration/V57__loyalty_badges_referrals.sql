-- loyalty: badges (成就) and referrals (邀请好友).

-- Badges, a small settings table: each a rule in the segments' condition language, an optional reward in points, and
-- whether it is still awarded. A badge is never deleted (members keep what they earned): it is deactivated.
create table loyalty_badges (
    id          bigint generated always as identity primary key,
    name        text        not null unique check (length(name) between 1 and 100),
    description text        check (length(description) <= 500),
    points      int         not null default 0 check (points between 0 and 1000000),
    active      boolean     not null default true,
    condition   jsonb       not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);

-- Badges earned, once per member ever; the reward's ledger transaction when the badge gave points.
create table loyalty_member_badges (
    customer_id    bigint      not null,
    badge_id       bigint      not null references loyalty_badges (id),
    earned_at      timestamptz not null,
    transaction_id bigint,
    primary key (customer_id, badge_id)
);
create index loyalty_member_badges_badge on loyalty_member_badges (badge_id);
select scope_by_customer('loyalty_member_badges');

-- Referrals' settings (one row): off by default; the points each side gets when the friend's first paid order
-- qualifies, the smallest such order (base currency), and how many referrals of one referrer qualify per day.
create table loyalty_referral_settings (
    id              int            primary key default 1 check (id = 1),
    enabled         boolean        not null default false,
    referrer_points int            not null default 0 check (referrer_points between 0 and 1000000),
    friend_points   int            not null default 0 check (friend_points between 0 and 1000000),
    minimum_amount  numeric(14, 2) not null default 0 check (minimum_amount >= 0),
    daily_cap       int            not null default 10 check (daily_cap between 1 and 10000),
    updated_at      timestamptz    not null default now(),
    updated_by      text           not null default 'system'
);
insert into loyalty_referral_settings (id) values (1);

-- Who referred whom: keyed by the friend (one referrer per friend, ever). A referral waits (PENDING) for the friend's
-- first paid order, then QUALIFIED (both rewarded), REFUSED by a guard, or REVERSED after a refund of that order; the
-- reason says why it was refused or reversed. A refused attempt keeps its row, and a later referral may replace it.
create table loyalty_referrals (
    customer_id        bigint      primary key,
    referrer_id        bigint      not null,
    status             text        not null check (status in ('PENDING', 'QUALIFIED', 'REFUSED', 'REVERSED')),
    reason             text        check (reason in ('SAME_CUSTOMER', 'SAME_PHONE', 'SAME_EMAIL', 'MERGED',
                                                     'ORDERED_BEFORE', 'BELOW_MINIMUM', 'DAILY_CAP',
                                                     'ORDER_REFUNDED')),
    created_at         timestamptz not null,
    created_by         text        not null,
    order_id           bigint,
    -- the day (company time zone) it qualified: what the daily cap counts
    qualified_on       date,
    decided_at         timestamptz,
    referrer_points    bigint      not null default 0,
    friend_points      bigint      not null default 0
);
create index loyalty_referrals_referrer on loyalty_referrals (referrer_id, qualified_on);
create index loyalty_referrals_pending on loyalty_referrals (customer_id) where status = 'PENDING';
select scope_by_customer('loyalty_referrals');

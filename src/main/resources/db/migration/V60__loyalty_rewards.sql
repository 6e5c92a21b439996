-- loyalty: the rewards catalogue (积分商城) and the rewards members redeemed.

-- Rewards, a small settings table: a coupon of a coupon campaign (COUPON) or a physical gift (GIFT), for a number of
-- points; stock null means unlimited, and is never below zero (a redemption takes one with a conditional update). A
-- reward is never deleted, only deactivated: redemptions keep pointing at it.
create table loyalty_rewards (
    id          bigint generated always as identity primary key,
    name        text        not null unique check (length(name) between 1 and 100),
    description text        check (length(description) <= 500),
    kind        text        not null check (kind in ('COUPON', 'GIFT')),
    campaign_id bigint,
    points      bigint      not null check (points between 1 and 1000000000),
    stock       int         check (stock >= 0),
    active      boolean     not null default true,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    check ((kind = 'COUPON') = (campaign_id is not null))
);

-- Each reward redeemed, keyed by the member and the REDEMPTION transaction that spent its points: the coupon issued,
-- or the gift's fulfilment (NEW, then SENT or CANCELLED; a cancelled gift's points came back by the transaction
-- returned_by).
create table loyalty_reward_redemptions (
    customer_id    bigint      not null,
    transaction_id bigint      not null,
    reward_id      bigint      not null references loyalty_rewards (id),
    kind           text        not null check (kind in ('COUPON', 'GIFT')),
    points         bigint      not null check (points > 0),
    coupon_id      bigint,
    status         text        check (status in ('NEW', 'SENT', 'CANCELLED')),
    redeemed_at    timestamptz not null,
    redeemed_by    text        not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    returned_by    bigint,
    primary key (customer_id, transaction_id),
    foreign key (customer_id, transaction_id) references loyalty_transactions (customer_id, id),
    check ((kind = 'GIFT') = (status is not null)),
    check ((status = 'CANCELLED') = (returned_by is not null))
);
create index loyalty_reward_redemptions_history on loyalty_reward_redemptions (customer_id, redeemed_at desc);
create index loyalty_reward_redemptions_reward on loyalty_reward_redemptions (reward_id);
select scope_by_customer('loyalty_reward_redemptions');

-- Points given back when a gift is cancelled come back as a lot of their own; they were earned once already, so they
-- do not count again for the tier.
alter table loyalty_lots add column returned boolean not null default false;

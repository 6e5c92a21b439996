-- loyalty: the points programme's settings, its versioned earning rules, and one append-only double-entry ledger of
-- points. Each movement of points is a transaction of one member with entries on accounts that sum to zero:
--   PENDING, ACTIVE  the member's wallet: points earned but locked (a return may still cancel them), and spendable
--                    points (negative only while the member owes points after a refund of points already spent)
--   PROGRAMME        where points come from and go back to: awards take from it, reversals return to it
--   REDEEMED         points spent
--   EXPIRED          points that ran out
-- Every award is a lot with its remaining points, when it becomes spendable and when it expires; spending and expiry
-- draw from the lots (closest to expiry first), each draw linked to its transaction. A member's row caches the
-- wallet's two balances; `./retain loyalty check` and GET /api/v1/loyalty/check prove it equal to the ledger.
-- The ledger is kept for the programme's life (it is its accounts), so it is not partitioned by month: members' reads
-- go by (customer_id, ...) and nothing is ever dropped.

-- The programme (one row): on or off, from which day orders earn, how long points stay pending, when they expire, and
-- what a refund of points already spent does.
create table loyalty_settings (
    id               int         primary key default 1 check (id = 1),
    enabled          boolean     not null default false,
    -- orders placed on or after this day (company time zone) earn points; null: none yet
    earn_from        date,
    pending_days     int         not null default 7 check (pending_days between 0 and 365),
    expiry           text        not null default 'END_OF_MONTH'
                                 check (expiry in ('NEVER', 'END_OF_MONTH', 'ROLLING_DAYS')),
    -- END_OF_MONTH: points expire at the end of the month this many months after the month they were earned in
    expiry_months    int         not null default 12 check (expiry_months between 0 and 120),
    -- ROLLING_DAYS: points expire at the end of the day this many days after the day they were earned on
    expiry_days      int         not null default 365 check (expiry_days between 1 and 3650),
    refund_shortfall text        not null default 'NEGATIVE_BALANCE'
                                 check (refund_shortfall in ('NEGATIVE_BALANCE', 'CLAW_BACK')),
    updated_at       timestamptz not null default now(),
    updated_by       text        not null default 'system'
);
insert into loyalty_settings (id) values (1);

-- The last day an award's points can be spent, from the day they were earned and the programme's expiry.
create function loyalty_expires_on(earned_on date, expiry text, months int, days int) returns date
    language sql immutable
    return case expiry
               when 'END_OF_MONTH' then (date_trunc('month', earned_on) + make_interval(months => months + 1)
                                         - interval '1 day')::date
               when 'ROLLING_DAYS' then earned_on + days
           end;

-- How orders earn, one row per version: a change is a new version, never an update, so every order keeps the rule it
-- earned under (loyalty_order_points.rule_version).
create table loyalty_earning_rules (
    version           int            primary key,
    -- points per unit of the base currency paid (net of returns)
    points_per_unit   numeric(12, 4) not null check (points_per_unit > 0),
    rounding          text           not null check (rounding in ('DOWN', 'HALF_UP', 'UP')),
    -- extra points for the customer's first paid order ever
    first_order_bonus int            not null default 0 check (first_order_bonus between 0 and 1000000),
    created_at        timestamptz    not null,
    created_by        text           not null
);
insert into loyalty_earning_rules (version, points_per_unit, rounding, first_order_bonus, created_at, created_by)
values (1, 1, 'DOWN', 0, now(), 'system');
create function loyalty_rules_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'loyalty_earning_rules is append-only: add a new version instead';
end $$;
create trigger loyalty_earning_rules_append_only before update or delete on loyalty_earning_rules
    for each row execute function loyalty_rules_append_only();

-- A member's wallet, cached: the sums of the ledger's ACTIVE and PENDING entries of the member. Every change of a
-- member's points locks this row first, so concurrent changes of one member line up and none reads stale lots.
create table loyalty_members (
    customer_id bigint      primary key,
    active      bigint      not null default 0,
    pending     bigint      not null default 0 check (pending >= 0),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
select scope_by_customer('loyalty_members');

create sequence loyalty_transaction_ids;

create table loyalty_transactions (
    customer_id     bigint      not null,
    id              bigint      not null,
    reason          text        not null check (reason in ('ORDER', 'REFUND', 'ADJUSTMENT', 'REDEMPTION', 'EXPIRY',
                                                           'TRANSFER', 'REFERRAL', 'CAMPAIGN', 'ACTIVATION')),
    idempotency_key text        not null,
    -- the order an ORDER or REFUND transaction is about
    order_id        bigint,
    note            text,
    actor           text        not null,
    at              timestamptz not null,
    -- the member's wallet right after it
    active_after    bigint      not null,
    pending_after   bigint      not null,
    primary key (customer_id, id)
);
create index loyalty_transactions_history on loyalty_transactions (customer_id, at desc, id desc);
create index loyalty_transactions_order on loyalty_transactions (order_id) where order_id is not null;
select scope_by_customer('loyalty_transactions');

create table loyalty_entries (
    customer_id    bigint not null,
    transaction_id bigint not null,
    account        text   not null check (account in ('PENDING', 'ACTIVE', 'PROGRAMME', 'REDEEMED', 'EXPIRED',
                                                          'TRANSFER')),
    points         bigint not null check (points <> 0),
    primary key (customer_id, transaction_id, account),
    foreign key (customer_id, transaction_id) references loyalty_transactions (customer_id, id)
);
select scope_by_customer('loyalty_entries');

-- Idempotency keys are unique across all members, a uniqueness that cannot include customer_id: they live here,
-- keyed by the key, pointing at their transaction.
create table loyalty_keys (
    idempotency_key text        primary key,
    customer_id     bigint      not null,
    transaction_id  bigint      not null,
    created_at      timestamptz not null
);
create index loyalty_keys_customer on loyalty_keys (customer_id);
select scope_by_customer('loyalty_keys');

-- Awards: one lot per awarding transaction (its id), with what remains of it. A lot is PENDING until available_at,
-- then ACTIVE; it expires at the end of expires_on (company time zone), or never when null.
create table loyalty_lots (
    customer_id  bigint      not null,
    id           bigint      not null,
    state        text        not null check (state in ('PENDING', 'ACTIVE')),
    order_id     bigint,
    rule_version int,
    points       bigint      not null check (points > 0),
    remaining    bigint      not null check (remaining >= 0 and remaining <= points),
    earned_on    date        not null,
    available_at timestamptz not null,
    expires_on   date,
    primary key (customer_id, id),
    foreign key (customer_id, id) references loyalty_transactions (customer_id, id)
);
-- spending order: closest to expiry first
create index loyalty_lots_fifo on loyalty_lots (customer_id, expires_on, id) where remaining > 0;
create index loyalty_lots_activation on loyalty_lots (available_at) where state = 'PENDING' and remaining > 0;
create index loyalty_lots_expiry on loyalty_lots (expires_on) where remaining > 0;
create index loyalty_lots_order on loyalty_lots (order_id) where order_id is not null;
select scope_by_customer('loyalty_lots');

-- What each transaction took from which lot: spending, expiry, reversals, debts settled, transfers.
create table loyalty_draws (
    customer_id    bigint not null,
    transaction_id bigint not null,
    lot_id         bigint not null,
    points         bigint not null check (points > 0),
    primary key (customer_id, transaction_id, lot_id),
    foreign key (customer_id, transaction_id) references loyalty_transactions (customer_id, id),
    foreign key (customer_id, lot_id) references loyalty_lots (customer_id, id)
);
create index loyalty_draws_lot on loyalty_draws (customer_id, lot_id);
select scope_by_customer('loyalty_draws');

-- The points each order holds now, net of its reversals, with the rule it earned under and how many transactions it
-- has had (the next one's idempotency key). Looked up by order id: an order moved to another customer by a merge is
-- still the same order and earns once.
create table loyalty_order_points (
    customer_id  bigint not null,
    order_id     bigint not null,
    rule_version int    not null references loyalty_earning_rules (version),
    points       bigint not null check (points >= 0),
    transactions int    not null,
    primary key (customer_id, order_id)
);
create index loyalty_order_points_order on loyalty_order_points (order_id);
select scope_by_customer('loyalty_order_points');

-- The ledger is append-only: entries, draws and transactions are never changed or deleted; only a transaction's note
-- may be cleared (a person's erasure).
create function loyalty_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and tg_table_name = 'loyalty_transactions' then
        if (new.customer_id, new.id, new.reason, new.idempotency_key, new.order_id, new.actor, new.at,
            new.active_after, new.pending_after)
           is not distinct from (old.customer_id, old.id, old.reason, old.idempotency_key, old.order_id, old.actor,
                                 old.at, old.active_after, old.pending_after)
           and new.note is null then
            return new;
        end if;
    end if;
    raise exception '% is append-only', tg_table_name;
end $$;
create trigger loyalty_transactions_append_only before update or delete on loyalty_transactions
    for each row execute function loyalty_append_only();
create trigger loyalty_entries_append_only before update or delete on loyalty_entries
    for each row execute function loyalty_append_only();
create trigger loyalty_draws_append_only before update or delete on loyalty_draws
    for each row execute function loyalty_append_only();

-- Double entry: the entries each statement writes sum to zero per transaction.
create function loyalty_entries_balanced() returns trigger language plpgsql as $$
declare
    unbalanced record;
begin
    select customer_id, transaction_id, sum(points) as total into unbalanced
    from inserted group by customer_id, transaction_id having sum(points) <> 0 limit 1;
    if found then
        raise exception 'loyalty transaction % of customer % does not balance: its entries sum to %',
            unbalanced.transaction_id, unbalanced.customer_id, unbalanced.total;
    end if;
    return null;
end $$;
create trigger loyalty_entries_balanced after insert on loyalty_entries
    referencing new table as inserted for each statement execute function loyalty_entries_balanced();

-- loyalty publishes its ledger and tier moves to other modules (the churn model reads them) as views, so they never
-- read loyalty_* tables directly.

-- One row per ledger transaction: the net change of the member's wallet (PENDING and ACTIVE entries; an activation
-- moves points within the wallet and changes nothing), and the points it spent (REDEEMED) or let run out (EXPIRED).
-- Grouped by every column it shows, so a filter on customer_id or at reaches the ledger's index.
create view loyalty_movements_view with (security_invoker = true) as
select t.customer_id, t.at, t.reason,
       coalesce(sum(e.points) filter (where e.account in ('PENDING', 'ACTIVE')), 0) as wallet_change,
       coalesce(sum(e.points) filter (where e.account = 'REDEEMED'), 0) as redeemed,
       coalesce(sum(e.points) filter (where e.account = 'EXPIRED'), 0) as expired
from loyalty_transactions t
join loyalty_entries e on e.customer_id = t.customer_id and e.transaction_id = t.id
group by t.customer_id, t.id, t.at, t.reason;

-- One row per tier move with the tiers' ranks (0 the lowest; null: no tier, or a tier removed since).
create view loyalty_tier_moves_view with (security_invoker = true) as
select h.customer_id, h.at, f.rank as from_rank, t.rank as to_rank, h.direction
from loyalty_tier_history h
left join loyalty_tiers f on f.id = h.from_tier_id
left join loyalty_tiers t on t.id = h.to_tier_id;

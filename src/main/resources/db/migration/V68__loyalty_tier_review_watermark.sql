-- The nightly tier review looks only at members whose review, grace or reminder falls due and at members with ledger
-- transactions since the review before (everything that raises a qualifying value writes one, and most of those move
-- the member up at once anyway); once a week it looks at every member. The watermark is the transaction sequence's
-- value the last review saw; transaction ids grow with insertion, so a BRIN index finds the newer ones cheaply.
alter table loyalty_tier_settings
    add column reviewed_through bigint,
    add column fully_reviewed_on date;
create index loyalty_transactions_id_brin on loyalty_transactions using brin (id);

-- The per-customer limit counts a customer's coupons of one campaign: an index on both, so no plan walks the whole
-- campaign.
create index coupons_customer_campaign_idx on coupons (customer_id, campaign_id);

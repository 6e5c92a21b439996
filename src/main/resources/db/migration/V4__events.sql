-- events: behavioural events, append-only, partitioned by month (retention drops old partitions)

create table events (
    customer_id bigint      not null,
    type        text        not null,
    occurred_at timestamptz not null,
    properties  jsonb       not null default '{}'
) partition by range (occurred_at);

create index events_customer_idx on events (customer_id, occurred_at);

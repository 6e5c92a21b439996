-- Follow-up records (跟进记录): what a salesperson did with a customer, how it went, and when to follow up next.
create table follow_ups (
    customer_id       bigint      not null references customers (id) on delete cascade,
    id                bigint      generated always as identity,
    kind              text        not null check (kind in ('PHONE', 'VISIT', 'WECHAT', 'EMAIL', 'MEETING')),
    content           text        not null,
    outcome           text,
    next_follow_up_at timestamptz,
    task_id           bigint,
    author            text        not null,
    created_at        timestamptz not null,
    primary key (customer_id, id)
);
create index follow_ups_customer_time on follow_ups (customer_id, created_at desc, id desc);
create index follow_ups_next on follow_ups (next_follow_up_at) where next_follow_up_at is not null;

-- Each customer's last follow-up and the next one planned, for conditions and (later) the pool rules.
create view follow_up_summaries_view as
select customer_id, max(created_at) as last_follow_up_at,
       (array_agg(next_follow_up_at order by created_at desc, id desc))[1] as next_follow_up_at,
       count(*) as follow_ups
from follow_ups group by customer_id;

-- Follow-ups move with their customer's merge; these are the ones a merge moved, to move back on an unmerge.
create table follow_up_merge_moves (
    merge_id     bigint not null,
    follow_up_id bigint not null,
    primary key (merge_id, follow_up_id)
);

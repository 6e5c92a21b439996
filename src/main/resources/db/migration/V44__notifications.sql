-- Notifications (提醒): reminders for one user about one customer — a follow-up due, a birthday, a contract ending, an
-- overdue task, a customer going back to the pool soon — shown under the bell and in the daily digest.

create table notifications (
    customer_id  bigint      not null references customers (id) on delete cascade,
    id           bigint      generated always as identity,
    recipient_id bigint      not null,
    kind         text        not null check (kind ~ '^[A-Z][A-Z_]*$'),
    -- what makes the thing unique for this customer, recipient and kind ("task:42", "birthday:2026-12-10")
    subject      text        not null,
    due_at       timestamptz,
    detail       text,
    created_at   timestamptz not null,
    read_at      timestamptz,
    primary key (customer_id, id),
    -- never twice for the same thing, however many producer runs insert at once (insert … on conflict do nothing)
    unique (customer_id, recipient_id, kind, subject)
);
-- the bell's count, and the list newest first
create index notifications_unread on notifications (recipient_id) where read_at is null;
create index notifications_inbox on notifications (recipient_id, created_at desc, id desc);
select scope_by_customer('notifications');

-- Who wants the daily email digest of their unread notifications.
create table notification_settings (
    user_id      bigint      primary key references users (id) on delete cascade,
    daily_digest boolean     not null default false,
    updated_at   timestamptz not null
);

-- One digest per user and day: the row is claimed in the transaction that sends it, so two instances never both send.
create table notification_digests (
    recipient_id  bigint      not null references users (id) on delete cascade,
    day           date        not null,
    notifications int         not null,
    sent_at       timestamptz not null,
    primary key (recipient_id, day)
);

-- Email to the company's own people (the daily notification digest), kept here instead of being sent when the outbox
-- is on (the demo): not a customer's message, so it is neither in the delivery log nor under any customer's scope.
create table staff_outbox_messages (
    id              bigint      generated always as identity primary key,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    idempotency_key text        not null unique,
    sent_at         timestamptz not null
);
create index staff_outbox_messages_sent_at on staff_outbox_messages (sent_at desc);

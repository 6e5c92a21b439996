-- Messages kept by the built-in outbox instead of being handed to an SMTP server, SMS gateway or webhook (the demo,
-- and any installation that switches it on): what each customer would have received, shown in the UI.
create table outbox_messages (
    customer_id bigint not null,
    delivery_id bigint not null,
    channel text not null,
    recipient text not null,
    subject text,
    body text not null,
    sent_at timestamptz not null,
    primary key (customer_id, delivery_id)
);
create index outbox_messages_sent_at on outbox_messages (sent_at desc);

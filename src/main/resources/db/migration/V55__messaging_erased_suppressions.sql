-- messaging: the unsubscribes and bounces of erased customers, kept by a blind index of the address (a keyed hash
-- whose key is not in the database), so an address that comes back stays unsubscribed without being kept itself.
create table erased_suppressions (
    channel       text        not null check (channel in ('EMAIL', 'SMS')),
    address_index bytea       not null,
    reason        text        not null check (reason in ('UNSUBSCRIBED', 'BOUNCED')),
    at            timestamptz not null,
    primary key (channel, address_index)
);

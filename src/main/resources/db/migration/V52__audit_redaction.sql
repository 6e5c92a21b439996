-- platform: audit snapshots that can be redacted when a customer is erased, with the chain still verifiable.
--
-- From here on an entry's hash covers the SHA-256 digests of its before and after snapshots instead of their text
-- (chain version 2), and the digests are kept beside the entry. Erasing a customer removes the snapshots that name them
-- (before and after become null, redacted_at is set) through audit_redact_customers() only; the digests stay, so the
-- hash still verifies and any other change still breaks the chain. Entries written before this migration (version 1)
-- hashed the text itself: once redacted, their own content can no longer be checked, only their place in the chain.

alter table audit_log
    add column chain_version  smallint not null default 1,
    add column before_digest  bytea,
    add column after_digest   bytea,
    add column redacted_at    timestamptz;

alter table audit_log alter column chain_version set default 2;

create function audit_snapshot_digest(snapshot jsonb) returns bytea
    language sql immutable as $$
    select case when snapshot is null then null else sha256(convert_to(snapshot::text, 'UTF8')) end
$$;

-- Version 2: the snapshots' digests in hex (or "-" for none) where version 1 had their text.
create function audit_entry_hash_v2(prev_hash bytea, seq bigint, id bigint, at timestamptz, actor text, action text,
                                    entity_type text, entity_id text, before_digest bytea, after_digest bytea)
    returns bytea
    language sql immutable as $$
    select sha256(prev_hash || convert_to(
        '2' || E'\n' || seq::text || E'\n' || id::text || E'\n' || (extract(epoch from at) * 1000000)::bigint::text
        || E'\n' || audit_entry_text_field(actor) || E'\n' || audit_entry_text_field(action) || E'\n'
        || audit_entry_text_field(entity_type) || E'\n' || audit_entry_text_field(entity_id) || E'\n'
        || coalesce(encode(before_digest, 'hex'), '-') || E'\n' || coalesce(encode(after_digest, 'hex'), '-'), 'UTF8'))
$$;

create or replace function audit_log_chain() returns trigger
    language plpgsql security definer set search_path from current as $$
declare
    head record;
begin
    select seq, hash into head from audit_chain for update;
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.chain_version := 2;
    new.before_digest := audit_snapshot_digest(new.before);
    new.after_digest := audit_snapshot_digest(new.after);
    new.redacted_at := null;
    new.hash := audit_entry_hash_v2(new.prev_hash, new.seq, new.id, new.at, new.actor, new.action, new.entity_type,
                                    new.entity_id, new.before_digest, new.after_digest);
    update audit_chain set seq = new.seq, hash = new.hash;
    return new;
end $$;

-- Still append-only, but for one change: audit_redact_customers() emptying the snapshots of an entry, nothing else.
create or replace function audit_log_refuse_change() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and tg_table_name like 'audit_log%'
       and current_setting('retain.audit_redaction', true) = 'on'
       and new.before is null and new.after is null and new.redacted_at is not null
       and (new.id, new.at, new.actor, new.action, new.entity_type, new.entity_id, new.seq, new.prev_hash, new.hash,
            new.chain_version, new.before_digest, new.after_digest)
           is not distinct from
           (old.id, old.at, old.actor, old.action, old.entity_type, old.entity_id, old.seq, old.prev_hash, old.hash,
            old.chain_version, old.before_digest, old.after_digest) then
        return new;
    end if;
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Old months are dropped by the retention job through audit_drop_partitions_before(); '
                     'an erased customer''s snapshots are removed by audit_redact_customers().';
end $$;

-- Removes the snapshots of the entries about these customers: the customer itself (and its pool placement, consents),
-- and anything whose snapshot names one of them as its customerId. Returns how many entries were redacted.
create function audit_redact_customers(customer_ids bigint[]) returns bigint
    language plpgsql security definer set search_path from current as $$
declare
    ids text[] := customer_ids::text[];
    redacted bigint;
begin
    perform set_config('retain.audit_redaction', 'on', true);
    update audit_log set before = null, after = null, redacted_at = now()
    where redacted_at is null
      and (before is not null or after is not null)
      and ((entity_type in ('customer', 'pool_customer') and entity_id = any (ids))
           or (entity_type = 'consent' and split_part(entity_id, ':', 1) = any (ids))
           or (before ->> 'customerId') = any (ids)
           or (after ->> 'customerId') = any (ids)
           or (before ->> 'mergedId') = any (ids)
           or (after ->> 'mergedId') = any (ids));
    get diagnostics redacted = row_count;
    perform set_config('retain.audit_redaction', 'off', true);
    return redacted;
end $$;

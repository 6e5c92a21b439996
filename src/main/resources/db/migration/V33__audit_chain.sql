-- platform: the audit log becomes append-only in the database and a hash chain.
--
-- Every entry gets a place in one chain (seq), the hash of the entry before it (prev_hash) and its own hash:
-- sha256(prev_hash || canonical text of the entry). Triggers stop UPDATE, DELETE and TRUNCATE whoever the role (a
-- superuser included, unless the table owner disables them); whole old months are dropped only through
-- audit_drop_partitions_before(), which first keeps the hash of the last dropped entries as anchors so the rest of
-- the chain still verifies. dev.retain.platform.audit.AuditChainHash computes the same hash in Java.

alter table audit_log
    add column seq       bigint,
    add column prev_hash bytea,
    add column hash      bytea;

create index audit_log_seq_idx on audit_log (seq);

-- The chain's newest entry; its row lock serialises appends, so concurrent writers form one chain.
create table audit_chain (
    id   boolean primary key default true check (id),
    seq  bigint not null,
    hash bytea  not null
);

-- Hashes of dropped entries that a kept entry (or the head) follows: where verification picks the chain up again.
create table audit_chain_anchors (
    seq        bigint primary key,
    hash       bytea       not null,
    dropped_at timestamptz not null
);

-- The canonical text: seq, id and time (microseconds since 1970) as numbers, then each text field as
-- "<UTF-8 byte length>:<value>" or "-" for null, one per line; JSON as PostgreSQL prints jsonb.
create function audit_entry_text_field(value text) returns text
    language sql immutable as $$
    select case when value is null then '-' else octet_length(convert_to(value, 'UTF8'))::text || ':' || value end
$$;

create function audit_entry_hash(prev_hash bytea, seq bigint, id bigint, at timestamptz, actor text, action text,
                                 entity_type text, entity_id text, before jsonb, after jsonb) returns bytea
    language sql immutable as $$
    select sha256(prev_hash || convert_to(
        seq::text || E'\n' || id::text || E'\n' || (extract(epoch from at) * 1000000)::bigint::text || E'\n'
        || audit_entry_text_field(actor) || E'\n' || audit_entry_text_field(action) || E'\n'
        || audit_entry_text_field(entity_type) || E'\n' || audit_entry_text_field(entity_id) || E'\n'
        || audit_entry_text_field(before::text) || E'\n' || audit_entry_text_field(after::text), 'UTF8'))
$$;

-- Chain the entries written so far, oldest first.
do $$
declare
    entry record;
    previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    position bigint := 0;
    digest bytea;
begin
    for entry in select id, at, actor, action, entity_type, entity_id, before, after from audit_log order by at, id loop
        position := position + 1;
        digest := audit_entry_hash(previous, position, entry.id, entry.at, entry.actor, entry.action,
                                   entry.entity_type, entry.entity_id, entry.before, entry.after);
        update audit_log set seq = position, prev_hash = previous, hash = digest
        where id = entry.id and at = entry.at;
        previous := digest;
    end loop;
    insert into audit_chain (seq, hash) values (position, previous);
end $$;

alter table audit_log
    alter column seq set not null,
    alter column prev_hash set not null,
    alter column hash set not null;

-- Security definer: the application's role needs no right on audit_chain to append.
create function audit_log_chain() returns trigger
    language plpgsql security definer set search_path from current as $$
declare
    head record;
begin
    select seq, hash into head from audit_chain for update;
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.hash := audit_entry_hash(new.prev_hash, new.seq, new.id, new.at, new.actor, new.action, new.entity_type,
                                 new.entity_id, new.before, new.after);
    update audit_chain set seq = new.seq, hash = new.hash;
    return new;
end $$;

create trigger audit_log_chain before insert on audit_log
    for each row execute function audit_log_chain();

create function audit_log_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Old months are dropped by the retention job through audit_drop_partitions_before().';
end $$;

-- Row triggers on the partitioned table apply to every partition, present and future.
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
create trigger audit_chain_anchors_append_only before update or delete on audit_chain_anchors
    for each row execute function audit_log_refuse_change();
create trigger audit_chain_anchors_no_truncate before truncate on audit_chain_anchors
    for each statement execute function audit_log_refuse_change();

-- A statement trigger is not inherited: each partition gets its own TRUNCATE guard, at creation from here on.
do $$
declare
    partition text;
begin
    for partition in
        select child.relname from pg_inherits
        join pg_class parent on parent.oid = pg_inherits.inhparent
        join pg_class child on child.oid = pg_inherits.inhrelid
        where parent.relname = 'audit_log'
    loop
        execute format('create trigger audit_log_no_truncate before truncate on %I '
                       'for each statement execute function audit_log_refuse_change()', partition);
    end loop;
end $$;

-- Creates the audit log's partition of the month, owned by this function's owner, with its TRUNCATE guard.
create function audit_create_partition(month date) returns void
    language plpgsql security definer set search_path from current as $$
declare
    first_day date := date_trunc('month', month)::date;
    partition text := 'audit_log_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM');
begin
    -- two transactions creating the same partition: the second waits for the first, then finds it
    perform pg_advisory_xact_lock(hashtext(partition));
    if to_regclass(partition) is null then
        execute format('create table %I partition of audit_log for values from (%L) to (%L)', partition,
                       first_day::text || ' 00:00:00+00', (first_day + interval '1 month')::date::text || ' 00:00:00+00');
        execute format('create trigger audit_log_no_truncate before truncate on %I '
                       'for each statement execute function audit_log_refuse_change()', partition);
    end if;
end $$;

-- Retention for the audit log: drops the monthly partitions before the given month and returns their names. The
-- last entry of each dropped stretch of the chain is kept as an anchor first.
create function audit_drop_partitions_before(month date) returns setof text
    language plpgsql security definer set search_path from current as $$
declare
    cutoff timestamptz := (date_trunc('month', month)::date::text || ' 00:00:00+00')::timestamptz;
    first_kept text := 'audit_log_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM');
    partition text;
begin
    -- one retention at a time, and no append while the anchors are taken
    perform 1 from audit_chain for update;
    insert into audit_chain_anchors (seq, hash, dropped_at)
    select dropped.seq, dropped.hash, now()
    from (select seq, hash, lead(seq) over (order by seq) as next_seq from audit_log where at < cutoff) dropped
    where dropped.next_seq is distinct from dropped.seq + 1
    on conflict (seq) do nothing;
    for partition in
        select child.relname from pg_inherits
        join pg_class parent on parent.oid = pg_inherits.inhparent
        join pg_class child on child.oid = pg_inherits.inhrelid
        where parent.relname = 'audit_log' and child.relname ~ '^audit_log_y[0-9]{4}m[0-9]{2}$'
          and child.relname < first_kept
        order by child.relname
    loop
        execute format('drop table %I', partition);
        return next partition;
    end loop;
end $$;

-- On an external PostgreSQL, give the application's role only what it needs (see docs/users-and-security.md):
--   revoke all on audit_log, audit_chain, audit_chain_anchors from retain_app;
--   grant select, insert on audit_log to retain_app;
--   grant select on audit_chain, audit_chain_anchors to retain_app;
--   grant execute on function audit_create_partition(date), audit_drop_partitions_before(date) to retain_app;
--   with audit_log and these functions owned by another role than retain_app.

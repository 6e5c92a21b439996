-- Personal data encrypted at rest: which fields are sensitive, who sees them unmasked, the background conversion of
-- existing rows, and the encrypted columns with their blind indexes. The keys themselves are never in the database.

-- platform: a check value per key (an HMAC of a constant under it, which does not reveal the key), so an instance
-- started with other keys than the data was encrypted with refuses to start; version 0 is the blind-index key.
create table personal_data_key_checks (
    version     int primary key,
    check_value bytea       not null,
    recorded_at timestamptz not null
);

-- customers: the fields an admin marks as sensitive. A new installation starts with phone and email sensitive; one
-- that already has customers starts with none, and an admin decides (marking starts the conversion below).
create table personal_data_fields (
    field      text primary key check (field in ('phone', 'email')),
    sensitive  boolean not null,
    changed_by text,
    changed_at timestamptz
);
insert into personal_data_fields (field, sensitive)
select field, not exists (select 1 from customers) from unnest(array['phone', 'email']) as field;

-- The roles that see sensitive fields in full; the others see them masked (138****5678) and may reveal one, audited.
create table personal_data_full_view_roles (
    role text primary key check (role in ('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE', 'ANALYST'))
);
insert into personal_data_full_view_roles (role) values ('ADMIN'), ('MANAGER'), ('SALES'), ('SERVICE');

-- The one conversion that brings every customer's stored form in line with the settings and the active key, walked
-- in batches by customer id; cursor_id null means there is nothing to do. A restart continues from the cursor.
create table personal_data_conversion (
    id             int primary key default 1 check (id = 1),
    cursor_id      bigint,
    reason         text check (reason in ('FIELDS', 'ROTATION')),
    requested_by   text,
    requested_at   timestamptz,
    customers_done bigint not null default 0,
    finished_at    timestamptz
);
insert into personal_data_conversion (id) values (1);

-- Encrypted values (AES-256-GCM, bound to their column and row), blind indexes (HMAC-SHA256 of the normalised value),
-- and derived columns that identify nobody, for conditions and reports: a phone's country code and first three
-- digits ("+86 138"), an email's domain. Filled only when the field is encrypted; for plain values the view below
-- derives them.
alter table customers
    add column phone_cipher     bytea,
    add column phone_bidx       bytea,
    add column phone_last4_bidx bytea,
    add column phone_prefix     text,
    add column email_cipher     bytea,
    add column email_bidx       bytea,
    add column email_domain     text;
create index customers_phone_bidx_idx on customers (phone_bidx) where phone_bidx is not null;
create index customers_phone_last4_idx on customers (phone_last4_bidx) where phone_last4_bidx is not null;
create index customers_email_bidx_idx on customers (email_bidx) where email_bidx is not null;
-- the plain columns are empty once encrypted: index only the values
drop index customers_phone_idx;
drop index customers_email_idx;
create index customers_phone_idx on customers (phone) where phone is not null;
create index customers_email_idx on customers (email) where email is not null;

alter table contacts
    add column phone_cipher bytea,
    add column email_cipher bytea;

-- A phone or email identity of an encrypted field keeps its blind index as its value ('#' and Base64, never a phone
-- or an address), so every lookup and join on (kind, value) stays one probe of the primary key; cipher holds the value.
alter table customer_identities add column cipher bytea;

-- "+86 138" of "+8613812345678": the country calling code (one, two or three digits, told apart by their first
-- digits, as E.164 assigns them) and the first three digits after it. Mirrored by customers.PhonePrefix.
create function phone_prefix(e164 text) returns text language sql immutable parallel safe as $$
    select case
        when e164 is null or e164 !~ '^\+[1-9][0-9]{6,14}$' then null
        when substr(e164, 2, 1) in ('1', '7') then substr(e164, 1, 2) || ' ' || substr(e164, 3, 3)
        when substr(e164, 2, 2) in ('20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45',
                                    '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61',
                                    '62', '63', '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94',
                                    '95', '98')
            then substr(e164, 1, 3) || ' ' || substr(e164, 4, 3)
        else substr(e164, 1, 4) || ' ' || substr(e164, 5, 3)
    end
$$;

create or replace view customer_profiles_view with (security_invoker = true) as
select id, kind, name, phone, email, gender, birthday, city, region, industry, owner_id, status, lifecycle_stage,
       source, custom_fields, signed_up_at, created_at, updated_at, pool_id, owner_since,
       coalesce(phone_prefix, phone_prefix(phone)) as phone_prefix,
       coalesce(email_domain, nullif(split_part(email, '@', 2), '')) as email_domain
from customers where merged_into is null;

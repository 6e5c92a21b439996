-- platform: two-factor sign-in with an authenticator app (TOTP, RFC 6238) and one-time recovery codes, the roles that
-- must use it, and API keys that expire and are rotated.

-- The shared secret (base32) of a user who switched two-factor on; null: off. Never shown after enrolment.
-- totp_last_step is the last time step whose code was accepted: a code is accepted once, and no earlier one after it.
alter table users
    add column totp_secret     text,
    add column totp_enabled_at timestamptz,
    add column totp_last_step  bigint;

-- Ten per user, shown once; only their SHA-256 is kept (80 random bits each). Used ones stay, marked, until replaced.
create table two_factor_recovery_codes (
    user_id    bigint      not null references users (id) on delete cascade,
    code_hash  text        not null,
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (user_id, code_hash)
);

-- Roles whose users must sign in with a second factor (and enrol right after the password step until they do).
create table two_factor_required_roles (
    role       text primary key check (role in ('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE', 'ANALYST')),
    updated_at timestamptz not null
);

-- An API key may expire; a rotation gives it a new token and keeps the old one working until previous_token_until.
alter table api_keys
    add column expires_at           timestamptz,
    add column rotated_at           timestamptz,
    add column previous_token_hash  text unique,
    add column previous_token_until timestamptz;

-- platform: account security. Passwords that must be changed, a session version that ends every session of a user
-- when bumped (disable, reset, change), whether the password is the public demo one, and sign-in throttling state
-- shared by every instance.

alter table users
    add column must_change_password boolean not null default false,
    add column password_changed_at  timestamptz,
    add column session_version      integer not null default 0,
    -- null: not known yet (set before this column existed); checked once against the hash, then kept
    add column demo_password        boolean;

-- Failed sign-ins per account (username as typed, lower case, known or not) and per client address. A row is locked
-- with FOR UPDATE while an attempt is counted, so concurrent attempts are counted one after the other.
create table sign_in_throttle (
    scope           text        not null check (scope in ('ACCOUNT', 'ADDRESS')),
    key             text        not null,
    failures        integer     not null,
    last_attempt_at timestamptz not null,
    locked_at       timestamptz,
    primary key (scope, key)
);

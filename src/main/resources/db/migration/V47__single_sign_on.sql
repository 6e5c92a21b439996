-- platform: single sign-on with OpenID Connect. A user who signs in through the identity provider is linked to it by
-- the provider's issuer and the user's subject there (stable, unlike a username, which the provider may let change).
-- A user created by their first single sign-on has no password (null) until an admin sets one, so password sign-in
-- is refused for them.

alter table users
    alter column password_hash drop not null,
    add column sso_issuer  text,
    add column sso_subject text,
    add constraint users_sso_identity_whole check ((sso_issuer is null) = (sso_subject is null));

create unique index users_sso_identity on users (sso_issuer, sso_subject);

/**
 * Single sign-on with OpenID Connect: the identity provider's settings, the mapping of its groups to roles, and the
 * Retain account each person signing in through it is linked to, created on their first sign-in and given the roles
 * of their groups on each one. Without {@code RETAIN_OIDC_ISSUER_URI} none of it is active.
 */
package dev.retain.platform.sso;

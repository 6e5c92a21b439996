/**
 * Two-factor sign-in: one-time codes of an authenticator app (TOTP, RFC 6238), their enrolment with a QR code,
 * recovery codes, and the roles that require it. The sign-in step itself lives with the security chain.
 */
package dev.retain.platform.twofactor;

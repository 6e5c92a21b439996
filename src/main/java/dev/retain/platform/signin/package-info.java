/** Sign-in throttling and lockout, sign-in audit, and the session version that ends a user's sessions. */
package dev.retain.platform.signin;

/**
 * Messaging: templates per channel with safe personalisation, email over SMTP, SMS through an HTTP gateway and signed
 * webhooks (WeCom-style robots); a delivery log per message with open and click tracking and one-click unsubscribe;
 * the rules every message passes (suppressions and consent, a frequency cap for marketing, quiet hours for SMS); and
 * durable sending: idempotency keys, leases, retries with backoff and a dead-letter list. Publishes
 * {@link dev.retain.messaging.MessageSent}, {@link dev.retain.messaging.MessageOpened},
 * {@link dev.retain.messaging.MessageClicked}, {@link dev.retain.messaging.MessageFailed} and
 * {@link dev.retain.messaging.Unsubscribed}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package dev.retain.messaging;

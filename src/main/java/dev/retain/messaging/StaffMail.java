package dev.retain.messaging;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Email to the company's own people (a user's daily digest), not to customers: no consent, caps, quiet hours or
 * tracking apply, and nothing enters the delivery log. It takes the same road as customers' email — the SMTP server of
 * {@code spring.mail.*}, or the outbox when {@link Outbox#PROPERTY} is on (the demo), where it is kept in
 * {@code staff_outbox_messages}.
 */
@Service
public class StaffMail {

    /** A message as it went out (or was kept in the outbox). */
    public record StaffMessage(String recipient, String subject, String body, Instant sentAt) {}

    private final JavaMailSenderImpl mail;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String from;
    private final boolean outbox;
    private final String messageIdDomain;

    StaffMail(
            JavaMailSenderImpl mail,
            JdbcClient jdbc,
            Clock clock,
            @Value("${retain.messaging.email.from}") String from,
            @Value("${retain.messaging.email.message-id-domain}") String messageIdDomain,
            @Value("${" + Outbox.PROPERTY + ":false}") boolean outbox) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.clock = clock;
        this.from = from;
        this.outbox = outbox;
        this.messageIdDomain = messageIdDomain;
    }

    /**
     * Sends an HTML email now. The idempotency key names the message (its Message-ID is derived from it, and the
     * outbox keeps one message per key); callers guard against sending twice with their own claim.
     *
     * @throws IllegalStateException when the SMTP server refuses it, so the caller's transaction rolls back
     */
    public void send(String recipient, String subject, String htmlBody, String idempotencyKey) {
        if (outbox) {
            jdbc.sql("""
                            insert into staff_outbox_messages (recipient, subject, body, idempotency_key, sent_at)
                            values (?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
                    .params(recipient, subject, htmlBody, idempotencyKey, Timestamp.from(clock.instant()))
                    .update();
            return;
        }
        try {
            MimeMessage mime = mail.createMimeMessage();
            var helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipient);
            helper.setSubject(subject);
            helper.setText(htmlBody, true);
            mime.saveChanges();
            mime.setHeader("Message-ID", EmailSender.messageId(idempotencyKey, messageIdDomain));
            mail.send(mime);
        } catch (MessagingException | org.springframework.mail.MailException e) {
            throw new IllegalStateException("cannot send email to " + recipient + ": " + e.getMessage(), e);
        }
    }

    /** The staff messages the outbox kept, newest first. */
    public List<StaffMessage> kept(int limit) {
        return jdbc.sql("select recipient, subject, body, sent_at from staff_outbox_messages order by sent_at desc, id"
                        + " desc limit ?")
                .param(limit)
                .query((rs, row) -> new StaffMessage(
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}

package dev.retain.messaging;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}). The Message-ID comes from the idempotency key, so a message sent again by
 * hand is recognisably the same one; {@code List-Unsubscribe} with {@code List-Unsubscribe-Post} lets mail clients
 * unsubscribe in one click (RFC 8058).
 */
@Component
class EmailSender implements ChannelSender {

    static {
        // Named, Jakarta Mail loads its stream provider directly; unnamed, it scans every jar on the classpath for it
        // (ServiceLoader) for each encoded header and body part: about a third of the CPU of sending an email.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JavaMailSender mail;
    private final String from;
    private final String messageIdDomain;

    EmailSender(
            JavaMailSender mail,
            @Value("${retain.messaging.email.from}") String from,
            @Value("${retain.messaging.email.message-id-domain}") String messageIdDomain) {
        this.mail = mail;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryStatus send(OutgoingMessage message) throws SendFailure {
        try {
            MimeMessage mime = mail.createMimeMessage();
            var helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject() == null ? "" : message.subject());
            helper.setText(message.body(), true);
            mime.setHeader("Message-ID", messageId(message.idempotencyKey()));
            mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            mail.send(mime);
            return DeliveryStatus.SENT;
        } catch (AddressException | MailParseException e) {
            throw new SendFailure("invalid address: " + e.getMessage(), true, e);
        } catch (MailSendException e) {
            boolean rejected = e.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance);
            throw new SendFailure("SMTP: " + e.getMessage(), rejected, e);
        } catch (MessagingException | MailException e) {
            throw new SendFailure("SMTP: " + e.getMessage(), false, e);
        }
    }

    String messageId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 20) + "@" + messageIdDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

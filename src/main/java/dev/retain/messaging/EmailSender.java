package dev.retain.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over SMTP ({@code spring.mail.*}). The Message-ID comes from the idempotency key, so a message sent again by
 * hand is recognisably the same one; {@code List-Unsubscribe} with {@code List-Unsubscribe-Post} lets mail clients
 * unsubscribe in one click (RFC 8058). The messages of one dispatch batch share an SMTP connection, opened by the
 * first and closed when the batch is done or a send fails: a connection and handshake per message would cost more than
 * the message.
 */
@Component
@ConditionalOnProperty(name = Outbox.PROPERTY, havingValue = "false", matchIfMissing = true)
class EmailSender implements ChannelSender {

    static {
        // Named, Jakarta Mail loads its stream provider directly; unnamed, it scans every jar on the classpath for it
        // (ServiceLoader) for each encoded header and body part: about a third of the CPU of sending an email.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JavaMailSenderImpl mail;
    private final String from;
    private final String messageIdDomain;
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();
    // With a write timeout set, each connection would otherwise start a thread of its own to enforce it.
    private final ScheduledExecutorService writeTimeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "smtp-write-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    EmailSender(
            JavaMailSenderImpl mail,
            @Value("${retain.messaging.email.from}") String from,
            @Value("${retain.messaging.email.message-id-domain}") String messageIdDomain) {
        this.mail = mail;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        mail.getSession().getProperties().put("mail." + mail.getProtocol() + ".executor.writetimeout", writeTimeouts);
    }

    @PreDestroy
    void stop() {
        writeTimeouts.shutdownNow();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryStatus send(OutgoingMessage message) throws SendFailure {
        MimeMessage mime;
        try {
            mime = mail.createMimeMessage();
            var helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject() == null ? "" : message.subject());
            helper.setText(message.body(), true);
            mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            mime.setSentDate(new Date());
            mime.saveChanges();
            // after saveChanges, which would put a generated one in its place
            mime.setHeader("Message-ID", messageId(message.idempotencyKey()));
        } catch (AddressException e) {
            throw new SendFailure("invalid address: " + e.getMessage(), true, e);
        } catch (MessagingException e) {
            // composing it again would fail again
            throw new SendFailure("cannot compose the email: " + e.getMessage(), true, e);
        }
        try {
            connected().sendMessage(mime, mime.getAllRecipients());
            return DeliveryStatus.SENT;
        } catch (SendFailedException e) {
            batchDone();
            throw new SendFailure("SMTP: " + e.getMessage(), true, e);
        } catch (MessagingException e) {
            batchDone();
            throw new SendFailure("SMTP: " + e.getMessage(), false, e);
        }
    }

    private Transport connected() throws MessagingException {
        Transport transport = connection.get();
        if (transport == null) {
            transport = mail.getSession().getTransport(mail.getProtocol());
            // an empty user name means no authentication
            boolean anonymous = mail.getUsername() == null || mail.getUsername().isEmpty();
            transport.connect(
                    mail.getHost(),
                    mail.getPort(),
                    anonymous ? null : mail.getUsername(),
                    anonymous ? null : mail.getPassword());
            connection.set(transport);
        }
        return transport;
    }

    @Override
    public void batchDone() {
        Transport transport = connection.get();
        connection.remove();
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
        }
    }

    String messageId(String idempotencyKey) {
        return messageId(idempotencyKey, messageIdDomain);
    }

    /** A Message-ID derived from the idempotency key, so the same message sent again is recognisably the same. */
    static String messageId(String idempotencyKey, String messageIdDomain) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 20) + "@" + messageIdDomain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

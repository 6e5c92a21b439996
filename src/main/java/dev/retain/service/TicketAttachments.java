package dev.retain.service;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Files kept with a ticket (a photo of a broken parcel, an invoice): stored in the database, next to the ticket, so
 * they go with its backups, its transactions and its erasure; refused above the desk's size cap.
 */
@Service
public class TicketAttachments {

    /** An attachment's description, without its bytes. */
    public record Attachment(
            long id,
            long ticketId,
            Long messageId,
            String fileName,
            String contentType,
            int sizeBytes,
            Instant createdAt) {}

    /** An attachment's bytes, to download. */
    public record Content(String fileName, String contentType, byte[] bytes) {}

    private final Tickets tickets;
    private final TicketStore store;
    private final ServiceSettings settings;
    private final Clock clock;

    TicketAttachments(Tickets tickets, TicketStore store, ServiceSettings settings, Clock clock) {
        this.tickets = tickets;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Keeps a file with the ticket (and the message it came with, if any).
     *
     * @throws InvalidInputException an empty name, or a file larger than the desk's cap
     */
    public Attachment add(long ticketId, Long messageId, String fileName, String contentType, byte[] bytes) {
        String name = fileName == null ? "" : fileName.strip().replaceAll("[\\\\/\\p{Cntrl}]", "_");
        if (name.isEmpty()) {
            throw new InvalidInputException("fileName", "is empty");
        }
        if (name.length() > 255) {
            throw new InvalidInputException("fileName", "at most 255 characters");
        }
        int cap = settings.current().attachmentMaxBytes();
        if (bytes == null || bytes.length > cap) {
            throw new InvalidInputException("file", "larger than the desk's limit of " + cap + " bytes");
        }
        Ticket ticket = tickets.find(ticketId);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
        long id = store.unscoped(() -> store.jdbc()
                .sql("""
                        insert into ticket_attachments (customer_id, ticket_id, message_id, file_name, content_type,
                                                        size_bytes, content, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        ticket.customerId(),
                        ticket.id(),
                        messageId,
                        name,
                        type,
                        bytes.length,
                        bytes,
                        TicketRows.timestamp(clock.instant()))
                .query(Long.class)
                .single());
        return of(ticketId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    /** The ticket's attachments, oldest first. */
    public List<Attachment> of(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        return store.jdbc()
                .sql("""
                        select id, ticket_id, message_id, file_name, content_type, size_bytes, created_at
                        from ticket_attachments where customer_id = ? and ticket_id = ? order by created_at, id""")
                .params(ticket.customerId(), ticket.id())
                .query((rs, n) -> new Attachment(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getObject(3, Long.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        TicketRows.instant(rs.getTimestamp(7))))
                .list();
    }

    public Content content(long ticketId, long attachmentId) {
        Ticket ticket = tickets.find(ticketId);
        Optional<Content> content = store.jdbc()
                .sql("""
                        select file_name, content_type, content from ticket_attachments
                        where customer_id = ? and ticket_id = ? and id = ?""")
                .params(ticket.customerId(), ticket.id(), attachmentId)
                .query((rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
        return content.orElseThrow(() -> new NotFoundException("Attachment", attachmentId));
    }
}

package dev.retain.service;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Reads tickets and their messages from rows; one place for the columns they are read from. */
final class TicketRows {

    /** The columns of {@link #ticket}, over {@code tickets t} joined to {@code customer_profiles_view c}. */
    static final String COLUMNS = """
            t.id, t.number, t.customer_id, c.name as customer_name, t.subject, t.channel, t.category_id, t.priority,
            t.status, t.assignee_id, t.team_id, t.order_id, t.product_sku, t.tags, t.reopen_count, t.merged_into,
            t.created_by, t.created_at, t.updated_at, t.first_response_at, t.solved_at, t.closed_at, t.version""";

    static final String FROM = " from tickets t left join customer_profiles_view c on c.id = t.customer_id ";

    static final String MESSAGE_COLUMNS =
            "id, ticket_id, author_kind, author_user_id, author_name, visibility, body, message_id, created_at";

    private TicketRows() {}

    static Ticket ticket(ResultSet rs, int row) throws SQLException {
        return new Ticket(
                rs.getLong("id"),
                rs.getLong("number"),
                rs.getLong("customer_id"),
                rs.getString("customer_name"),
                rs.getString("subject"),
                TicketChannel.valueOf(rs.getString("channel")),
                rs.getObject("category_id", Long.class),
                TicketPriority.valueOf(rs.getString("priority")),
                TicketStatus.valueOf(rs.getString("status")),
                rs.getObject("assignee_id", Long.class),
                rs.getObject("team_id", Long.class),
                rs.getObject("order_id", Long.class),
                rs.getString("product_sku"),
                tags(rs.getArray("tags")),
                rs.getInt("reopen_count"),
                rs.getObject("merged_into", Long.class),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("first_response_at")),
                instant(rs.getTimestamp("solved_at")),
                instant(rs.getTimestamp("closed_at")),
                rs.getInt("version"));
    }

    static TicketMessage message(ResultSet rs, int row) throws SQLException {
        return new TicketMessage(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                AuthorKind.valueOf(rs.getString("author_kind")),
                rs.getObject("author_user_id", Long.class),
                rs.getString("author_name"),
                Visibility.valueOf(rs.getString("visibility")),
                rs.getString("body"),
                rs.getString("message_id"),
                instant(rs.getTimestamp("created_at")));
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package dev.retain.notifications;

import dev.retain.platform.NotFoundException;
import dev.retain.platform.NotificationKind;
import dev.retain.platform.PageOf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A user's own notifications: listed newest first, counted for the bell, marked read. Every method takes the
 * recipient, and nothing here reads or changes another's; reads also pass the data scope, so a customer handed to a
 * colleague takes its notifications out of sight with it.
 */
@Service
public class Notifications {

    private static final String COLUMNS =
            "n.id, n.customer_id, c.name as customer_name, n.kind, n.due_at, n.detail," + " n.created_at, n.read_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The recipient's notifications (only the unread when asked), newest first. */
    public PageOf<Notification> of(long recipientId, boolean unreadOnly, int page, int size) {
        long total = jdbc.sql("select count(*) from notifications n where n.recipient_id = :me"
                        + " and (not :unread or n.read_at is null)")
                .param("me", recipientId)
                .param("unread", unreadOnly)
                .query(Long.class)
                .single();
        List<Notification> items = jdbc.sql("select " + COLUMNS + " from notifications n"
                        + " join customer_profiles_view c on c.id = n.customer_id"
                        + " where n.recipient_id = :me and (not :unread or n.read_at is null)"
                        + " order by n.created_at desc, n.id desc limit :size offset :offset")
                .param("me", recipientId)
                .param("unread", unreadOnly)
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Notifications::map)
                .list();
        return new PageOf<>(items, page, size, total);
    }

    /** One of the recipient's notifications; another's is not found. */
    public Notification find(long recipientId, long id) {
        return jdbc.sql("select " + COLUMNS + " from notifications n"
                        + " join customer_profiles_view c on c.id = n.customer_id"
                        + " where n.id = :id and n.recipient_id = :me")
                .param("id", id)
                .param("me", recipientId)
                .query(Notifications::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Notification", id));
    }

    /** The recipient's unread notifications made at or after {@code since}, oldest first, at most {@code limit}. */
    public List<Notification> unreadSince(long recipientId, Instant since, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications n"
                        + " join customer_profiles_view c on c.id = n.customer_id"
                        + " where n.recipient_id = :me and n.read_at is null and n.created_at >= :since"
                        + " order by n.created_at, n.id limit :limit")
                .param("me", recipientId)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query(Notifications::map)
                .list();
    }

    /** The bell's figure: one count on the index of unread notifications. */
    public long unreadCount(long recipientId) {
        return jdbc.sql("select count(*) from notifications where recipient_id = ? and read_at is null")
                .param(recipientId)
                .query(Long.class)
                .single();
    }

    /** Marks one of the recipient's notifications read (again: no change); another's is not found. */
    public void markRead(long recipientId, long id) {
        int found = jdbc.sql("update notifications set read_at = coalesce(read_at, :now)"
                        + " where id = :id and recipient_id = :me")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("me", recipientId)
                .update();
        if (found == 0) {
            throw new NotFoundException("Notification", id);
        }
    }

    /** Marks every unread notification of the recipient read; returns how many. */
    public int markAllRead(long recipientId) {
        return jdbc.sql("update notifications set read_at = :now where recipient_id = :me and read_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("me", recipientId)
                .update();
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getString("customer_name"),
                NotificationKind.valueOf(rs.getString("kind")),
                due == null ? null : due.toInstant(),
                rs.getString("detail"),
                rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }
}

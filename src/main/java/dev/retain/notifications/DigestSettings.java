package dev.retain.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Each user's own choice of the daily email digest (off until they switch it on). */
@Service
public class DigestSettings {

    private final JdbcClient jdbc;
    private final Clock clock;

    DigestSettings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean wantsDigest(long userId) {
        return jdbc.sql("select daily_digest from notification_settings where user_id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public void setDigest(long userId, boolean wanted) {
        jdbc.sql("""
                        insert into notification_settings (user_id, daily_digest, updated_at) values (?, ?, ?)
                        on conflict (user_id) do update set daily_digest = excluded.daily_digest,
                                                            updated_at = excluded.updated_at""").params(userId, wanted, Timestamp.from(clock.instant())).update();
    }

    /** The users who want the digest. */
    List<Long> subscribers() {
        return jdbc.sql("select user_id from notification_settings where daily_digest order by user_id")
                .query(Long.class)
                .list();
    }
}

package dev.retain.notifications;

import dev.retain.messaging.StaffMail;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.DataScopes;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.ScheduledJob;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.ViewerScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily email digest: once a day, one email to each user who asked for it, listing their notifications of the
 * last day still unread. The digest of a user and day is claimed (a row with that key) in the transaction that sends
 * it, so it goes out once however many instances or runs try; a send that fails rolls the claim back for the next run.
 */
@Service
public class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
    private static final int MOST_LISTED = 200;

    private final DigestSettings settings;
    private final Notifications notifications;
    private final DigestEmail email;
    private final StaffMail mail;
    private final UserAccounts users;
    private final DataScopes scopes;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CompanyZone zone;
    private final Clock clock;

    DailyDigest(
            DigestSettings settings,
            Notifications notifications,
            DigestEmail email,
            StaffMail mail,
            UserAccounts users,
            DataScopes scopes,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            CompanyZone zone,
            Clock clock) {
        this.settings = settings;
        this.notifications = notifications;
        this.email = email;
        this.mail = mail;
        this.users = users;
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
    }

    @Bean
    ScheduledJob notificationsDigestJob(@Value("${retain.notifications.digest-cron}") String cron) {
        return new ScheduledJob("notifications.digest", cron, zone.zone(), this::run);
    }

    /** Sends today's digests not sent yet; returns how many went out. */
    public int run() {
        LocalDate day = zone.today(clock);
        Instant now = clock.instant();
        int sent = 0;
        for (long userId : settings.subscribers()) {
            // each digest is read within its recipient's data scope: a customer handed to a colleague drops out
            if (Boolean.TRUE.equals(
                    scopeOf(userId).within(() -> transactions.execute(status -> sendTo(userId, day, now))))) {
                sent++;
            }
        }
        log.info("Notification digests for {}: {} sent", day, sent);
        return sent;
    }

    private ViewerScope scopeOf(long userId) {
        try {
            UserAccount user = users.find(userId);
            return scopes.of(user.id(), user.roles());
        } catch (NotFoundException gone) {
            return ViewerScope.EVERYTHING;
        }
    }

    private boolean sendTo(long userId, LocalDate day, Instant now) {
        UserAccount user;
        try {
            user = users.find(userId);
        } catch (NotFoundException gone) {
            return false;
        }
        if (!user.enabled() || user.email() == null || user.email().isBlank()) {
            return false;
        }
        List<Notification> unread = notifications.unreadSince(userId, now.minus(Duration.ofDays(1)), MOST_LISTED);
        if (unread.isEmpty()) {
            return false;
        }
        int claimed = jdbc.sql("""
                        insert into notification_digests (recipient_id, day, notifications, sent_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(userId, day, unread.size(), Timestamp.from(now))
                .update();
        if (claimed == 0) {
            return false;
        }
        DigestEmail.Written written = email.write(user.displayName(), unread);
        mail.send(user.email(), written.subject(), written.body(), "notification-digest:" + userId + ":" + day);
        return true;
    }
}

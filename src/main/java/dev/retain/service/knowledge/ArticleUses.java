package dev.retain.service.knowledge;

import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tickets an article helped to solve: an agent put it into a reply. Counted once per article and ticket, in the
 * article's {@code use_count} (so the count needs no scoped read of customers' rows and outlives an erasure).
 */
@Service
public class ArticleUses {

    private final JdbcClient jdbc;
    private final Clock clock;

    ArticleUses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @return whether the use is new @throws NotFoundException no such article */
    @Transactional
    public boolean record(long articleId, long ticketId, long customerId) {
        jdbc.sql("select id from knowledge_articles where id = ? for update")
                .param(articleId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Article", articleId));
        int inserted = jdbc.sql("""
                        insert into article_uses (customer_id, article_id, ticket_id, used_at, used_by)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(customerId, articleId, ticketId, Timestamp.from(clock.instant()), AuditLog.currentActor())
                .update();
        if (inserted == 0) {
            return false;
        }
        jdbc.sql("update knowledge_articles set use_count = use_count + 1 where id = ?")
                .param(articleId)
                .update();
        return true;
    }
}

package dev.retain.service.knowledge;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.StorableText;
import dev.retain.service.ArticleCategory;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The knowledge base's categories: a short list, each with the number of its articles not archived. */
@Service
public class KnowledgeCategories {

    public static final int MAX_NAME = 60;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    KnowledgeCategories(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ArticleCategory> all() {
        return jdbc.sql("""
                        select c.id, c.name, c.position,
                               (select count(*) from knowledge_articles a
                                where a.category_id = c.id and a.status <> 'ARCHIVED') as articles
                        from knowledge_categories c order by c.position, c.name""")
                .query((rs, n) -> new ArticleCategory(
                        rs.getLong("id"), rs.getString("name"), rs.getInt("position"), rs.getLong("articles")))
                .list();
    }

    /** @throws InvalidInputException an empty, too long or taken name */
    @Transactional
    public ArticleCategory create(String name) {
        String checked = name == null ? "" : name.strip();
        if (checked.isEmpty() || checked.length() > MAX_NAME) {
            throw new InvalidInputException("name", "required, at most " + MAX_NAME + " characters");
        }
        StorableText.problemWith(checked).ifPresent(problem -> {
            throw new InvalidInputException("name", problem);
        });
        jdbc.sql("lock table knowledge_categories in share row exclusive mode").update();
        if (jdbc.sql("select exists (select 1 from knowledge_categories where lower(name) = lower(?))")
                .param(checked)
                .query(Boolean.class)
                .single()) {
            throw new InvalidInputException("name", "a category is named " + checked + " already");
        }
        long id = jdbc.sql("""
                        insert into knowledge_categories (name, position, created_at, created_by)
                        values (?, (select coalesce(max(position), 0) + 10 from knowledge_categories), ?, ?)
                        returning id""")
                .params(checked, Timestamp.from(clock.instant()), AuditLog.currentActor())
                .query(Long.class)
                .single();
        audit.record("create", "knowledge_category", id, null, Map.of("name", checked));
        return all().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }
}

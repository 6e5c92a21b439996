package dev.retain.service.knowledge;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.StorableText;
import dev.retain.service.Article;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVersion;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Articles and their versions: each save is a new version row and brings the article (and its search columns) up to
 * it; a restore saves an older version's content as the newest. Publishing and archiving change the state only. Every
 * change is audited (without the body, which the versions keep).
 */
@Service
public class Articles {

    private static final String COLUMNS = """
            select a.id, a.title, a.body, a.locale, a.category_id, c.name as category, a.visibility, a.status,
                   a.translation_of, a.version, a.author, a.created_at, a.updated_at, a.updated_by, a.published_at,
                   a.use_count
            from knowledge_articles a join knowledge_categories c on c.id = a.category_id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Articles(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws NotFoundException no such article */
    public Article find(long id) {
        return jdbc.sql(COLUMNS + " where a.id = ?")
                .param(id)
                .query(Articles::article)
                .optional()
                .orElseThrow(() -> new NotFoundException("Article", id));
    }

    /** The articles translating this one, and the one it translates. */
    public List<Article> translations(Article article) {
        return jdbc.sql(COLUMNS + " where (a.translation_of = ? or a.id = ?) and a.id <> ? order by a.locale, a.id")
                .params(article.id(), article.translationOf(), article.id())
                .query(Articles::article)
                .list();
    }

    /** Published articles that helped most often, most first (none that never helped). */
    public List<Article> mostUsed(int limit) {
        return jdbc.sql(COLUMNS + " where a.status = 'PUBLISHED' and a.use_count > 0 order by a.use_count desc, a.id"
                        + " limit ?")
                .param(Math.max(1, Math.min(limit, 100)))
                .query(Articles::article)
                .list();
    }

    @Transactional
    public Article create(ArticleDraft draft) {
        Checked checked = check(draft, null);
        String actor = AuditLog.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into knowledge_articles (title, body, locale, category_id, visibility, status,
                               translation_of, version, author, created_at, updated_at, updated_by, title_norm,
                               body_norm, title_tokens, body_tokens)
                        values (?, ?, ?, ?, ?, 'DRAFT', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        checked.title(),
                        checked.body(),
                        checked.locale().tag(),
                        checked.categoryId(),
                        checked.visibility().name(),
                        checked.translationOf(),
                        actor,
                        now,
                        now,
                        actor,
                        SearchText.normalise(checked.title()),
                        SearchText.normalise(checked.body()),
                        tokens(checked.title()),
                        tokens(checked.body()))
                .query(Long.class)
                .single();
        saveVersion(id, 1, checked, actor, now, null);
        Article created = find(id);
        audit.record("create", "knowledge_article", id, null, summary(created));
        return created;
    }

    @Transactional
    public Article update(long id, ArticleDraft draft) {
        Article before = lock(id);
        Checked checked = check(draft, id);
        return save(before, checked, null, "update");
    }

    /** Saves version {@code version}'s content as the newest version. */
    @Transactional
    public Article restore(long id, int version) {
        Article before = lock(id);
        ArticleVersion old = versions(id).stream()
                .filter(v -> v.version() == version)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Version of article " + id, version));
        boolean categoryExists = jdbc.sql("select exists (select 1 from knowledge_categories where id = ?)")
                .param(old.categoryId())
                .query(Boolean.class)
                .single();
        if (!categoryExists) {
            throw new ConflictException("version " + version + "'s category no longer exists");
        }
        Checked checked = new Checked(
                old.title(), old.body(), old.locale(), old.categoryId(), old.visibility(), old.translationOf());
        return save(before, checked, version, "restore");
    }

    @Transactional
    public Article publish(long id) {
        return changeStatus(id, ArticleStatus.PUBLISHED);
    }

    @Transactional
    public Article archive(long id) {
        return changeStatus(id, ArticleStatus.ARCHIVED);
    }

    /** Its versions, newest first. @throws NotFoundException no such article */
    public List<ArticleVersion> versions(long id) {
        find(id);
        return jdbc.sql("""
                        select article_id, version, title, body, locale, category_id, visibility, translation_of,
                               saved_at, saved_by, restored_from
                        from knowledge_article_versions where article_id = ? order by version desc""")
                .param(id)
                .query((rs, n) -> new ArticleVersion(
                        rs.getLong("article_id"),
                        rs.getInt("version"),
                        rs.getString("title"),
                        rs.getString("body"),
                        ArticleLocale.ofTag(rs.getString("locale")).orElseThrow(),
                        rs.getLong("category_id"),
                        ArticleVisibility.valueOf(rs.getString("visibility")),
                        (Long) rs.getObject("translation_of"),
                        rs.getTimestamp("saved_at").toInstant(),
                        rs.getString("saved_by"),
                        (Integer) rs.getObject("restored_from")))
                .list();
    }

    private Article save(Article before, Checked checked, Integer restoredFrom, String action) {
        String actor = AuditLog.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        int version = before.version() + 1;
        jdbc.sql("""
                        update knowledge_articles set title = ?, body = ?, locale = ?, category_id = ?, visibility = ?,
                               translation_of = ?, version = ?, updated_at = ?, updated_by = ?, title_norm = ?,
                               body_norm = ?, title_tokens = ?, body_tokens = ?
                        where id = ?""")
                .params(
                        checked.title(),
                        checked.body(),
                        checked.locale().tag(),
                        checked.categoryId(),
                        checked.visibility().name(),
                        checked.translationOf(),
                        version,
                        now,
                        actor,
                        SearchText.normalise(checked.title()),
                        SearchText.normalise(checked.body()),
                        tokens(checked.title()),
                        tokens(checked.body()),
                        before.id())
                .update();
        saveVersion(before.id(), version, checked, actor, now, restoredFrom);
        Article after = find(before.id());
        audit.record(action, "knowledge_article", before.id(), summary(before), summary(after));
        return after;
    }

    private Article changeStatus(long id, ArticleStatus status) {
        Article before = lock(id);
        if (before.status() == status) {
            return before;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        update knowledge_articles set status = ?, updated_at = ?, updated_by = ?,
                               published_at = case when ? = 'PUBLISHED' then ? else published_at end
                        where id = ?""")
                .params(
                        status.name(),
                        Timestamp.from(now),
                        AuditLog.currentActor(),
                        status.name(),
                        Timestamp.from(now),
                        id)
                .update();
        Article after = find(id);
        audit.record(
                status == ArticleStatus.PUBLISHED ? "publish" : "archive",
                "knowledge_article",
                id,
                summary(before),
                summary(after));
        return after;
    }

    private Article lock(long id) {
        jdbc.sql("select id from knowledge_articles where id = ? for update")
                .param(id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("Article", id));
        return find(id);
    }

    private void saveVersion(long id, int version, Checked checked, String actor, Timestamp now, Integer restored) {
        jdbc.sql("""
                        insert into knowledge_article_versions (article_id, version, title, body, locale, category_id,
                               visibility, translation_of, saved_at, saved_by, restored_from)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        version,
                        checked.title(),
                        checked.body(),
                        checked.locale().tag(),
                        checked.categoryId(),
                        checked.visibility().name(),
                        checked.translationOf(),
                        now,
                        actor,
                        restored)
                .update();
    }

    private static String[] tokens(String text) {
        return SearchText.documentTokens(text).toArray(String[]::new);
    }

    private record Checked(
            String title,
            String body,
            ArticleLocale locale,
            long categoryId,
            ArticleVisibility visibility,
            Long translationOf) {}

    private Checked check(ArticleDraft draft, Long id) {
        if (draft == null) {
            throw new InvalidInputException("body", "required: title, body, locale, categoryId");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty()) {
            problems.put("title", "required");
        } else if (title.length() > KnowledgeBase.MAX_TITLE) {
            problems.put("title", "at most " + KnowledgeBase.MAX_TITLE + " characters");
        } else {
            StorableText.problemWith(title).ifPresent(problem -> problems.put("title", problem));
        }
        String body = draft.body() == null ? "" : draft.body().strip();
        if (body.isEmpty()) {
            problems.put("body", "required");
        } else if (body.length() > KnowledgeBase.MAX_BODY) {
            problems.put("body", "at most " + KnowledgeBase.MAX_BODY + " characters");
        } else {
            StorableText.problemWith(body).ifPresent(problem -> problems.put("body", problem));
        }
        ArticleLocale locale = ArticleLocale.ofTag(draft.locale()).orElse(null);
        if (locale == null) {
            problems.put(
                    "locale",
                    draft.locale() == null || draft.locale().isBlank()
                            ? "required: zh-CN or en"
                            : "'" + draft.locale() + "' is not zh-CN or en");
        }
        if (draft.categoryId() == null) {
            problems.put("categoryId", "required");
        } else if (!jdbc.sql("select exists (select 1 from knowledge_categories where id = ?)")
                .param(draft.categoryId())
                .query(Boolean.class)
                .single()) {
            problems.put("categoryId", "unknown category " + draft.categoryId());
        }
        Long translationOf = draft.translationOf();
        if (translationOf != null) {
            if (translationOf.equals(id)) {
                problems.put("translationOf", "an article cannot translate itself");
            } else {
                var original = jdbc.sql("select locale from knowledge_articles where id = ?")
                        .param(translationOf)
                        .query(String.class)
                        .optional();
                if (original.isEmpty()) {
                    problems.put("translationOf", "unknown article " + translationOf);
                } else if (locale != null && original.get().equals(locale.tag())) {
                    problems.put("translationOf", "article " + translationOf + " is in " + locale.tag() + " too");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(
                title,
                body,
                locale,
                draft.categoryId(),
                draft.visibility() == null ? ArticleVisibility.INTERNAL : draft.visibility(),
                translationOf);
    }

    private static Map<String, Object> summary(Article article) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("title", article.title());
        summary.put("locale", article.locale().tag());
        summary.put("category", article.category());
        summary.put("visibility", article.visibility().name());
        summary.put("status", article.status().name());
        summary.put("version", article.version());
        return summary;
    }

    static Article article(ResultSet rs, int row) throws SQLException {
        Timestamp published = rs.getTimestamp("published_at");
        return new Article(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("body"),
                ArticleLocale.ofTag(rs.getString("locale")).orElseThrow(),
                rs.getLong("category_id"),
                rs.getString("category"),
                ArticleVisibility.valueOf(rs.getString("visibility")),
                ArticleStatus.valueOf(rs.getString("status")),
                (Long) rs.getObject("translation_of"),
                rs.getInt("version"),
                rs.getString("author"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"),
                published == null ? null : published.toInstant(),
                rs.getLong("use_count"));
    }
}

package dev.retain.service.knowledge;

import dev.retain.platform.InvalidInputException;
import dev.retain.service.ArticleHit;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleQuery;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base's search. Candidates are the articles whose title or body holds one of the query's index tokens
 * ({@link SearchText}), found through the GIN indexes; each is scored on its normalised texts:
 *
 * <ul>
 *   <li>the whole query in the title (+{@value #PHRASE_IN_TITLE}) or body (+{@value #PHRASE_IN_BODY});
 *   <li>each CJK run or word of the query, whole, in the title (+{@value #PART_IN_TITLE}) or body
 *       (+{@value #PART_IN_BODY});
 *   <li>each pair of CJK characters, single character or word in the title (+{@value #TERM_IN_TITLE}) or body
 *       (+{@value #TERM_IN_BODY});
 *   <li>the language asked for, when one is preferred rather than required (+{@value #PREFERRED_LOCALE});
 *   <li>how much of the title the query's parts cover (up to +{@value #TITLE_COVERAGE}), so a short title that is
 *       mostly the query ranks above a long one that mentions it.
 * </ul>
 *
 * So the title counts above the body and the exact phrase above the same characters scattered; ties go to the article
 * that helped more often, then the newer.
 *
 * <p>Scoring is the costly part, so a common word or character does not score every article holding it: the candidates
 * are the articles with a piece of the query in their title (up to {@value #TITLE_CANDIDATES}), those holding every
 * piece in their text (up to {@value #BODY_CANDIDATES}) and those holding some piece in their text (up to {@value
 * #SOME_CANDIDATES}), each set the most used and newest first. Below those numbers every match is scored; above them
 * an article matching only in its text can be missed in favour of more used or newer ones with the same match.
 */
@Service
public class ArticleSearch {

    static final int PHRASE_IN_TITLE = 20;
    static final int PHRASE_IN_BODY = 8;
    static final int PART_IN_TITLE = 6;
    static final int PART_IN_BODY = 2;
    static final int TERM_IN_TITLE = 3;
    static final int TERM_IN_BODY = 1;
    static final int PREFERRED_LOCALE = 2;
    static final int TITLE_COVERAGE = 4;
    static final int MAX_LIMIT = 100;
    static final int TITLE_CANDIDATES = 2_000;
    static final int BODY_CANDIDATES = 1_000;
    static final int SOME_CANDIDATES = 300;

    private static final String SELECT = """
            select a.id, a.title, a.body, a.locale, a.category_id, c.name as category, a.visibility, a.status,
                   a.use_count, a.updated_at, %s as score
            from knowledge_articles a join knowledge_categories c on c.id = a.category_id
            """;

    private final JdbcClient jdbc;

    ArticleSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws InvalidInputException a query over {@link KnowledgeBase#MAX_QUERY} characters */
    @Transactional(readOnly = true)
    public List<ArticleHit> search(ArticleQuery query) {
        String text = query.text() == null ? "" : query.text();
        if (text.length() > KnowledgeBase.MAX_QUERY) {
            throw new InvalidInputException(
                    "q", "at most " + KnowledgeBase.MAX_QUERY + " characters (" + text.length() + " given)");
        }
        return run(query, SearchText.query(text), null);
    }

    /** Published articles for these visibilities, the given language preferred (not required). */
    @Transactional(readOnly = true)
    public List<ArticleHit> suggest(String text, ArticleLocale preferred, List<ArticleVisibility> visible, int limit) {
        String start = text == null ? "" : text.strip();
        if (start.length() > KnowledgeBase.MAX_QUERY) {
            start = start.substring(0, KnowledgeBase.MAX_QUERY);
        }
        SearchText.Query parsed = SearchText.query(start);
        if (parsed.isEmpty()) {
            return List.of();
        }
        var query = new ArticleQuery(start, null, null, Set.copyOf(visible), Set.of(ArticleStatus.PUBLISHED), limit);
        return run(query, parsed, preferred);
    }

    private List<ArticleHit> run(ArticleQuery query, SearchText.Query parsed, ArticleLocale preferred) {
        Statement statement = statement(query, parsed, preferred);
        if (!parsed.isEmpty()) {
            // The planner prices testing a row's token array as cheap, so for a common piece it would rather walk every
            // article and test its (large, compressed) tokens than use the GIN index, which is many times faster: this
            // transaction's statement may only read through bitmap scans.
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_indexscan = off").update();
        }
        List<String> needles = parsed.needles();
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query((rs, n) -> hit(rs, needles))
                .list();
    }

    /** A statement with its parameters, in order. */
    record Statement(String sql, List<Object> params) {}

    /** The statement a search runs (for {@code explain} in the benchmark, too). */
    static Statement statement(ArticleQuery query, SearchText.Query parsed, ArticleLocale preferred) {
        List<Object> params = new ArrayList<>();
        List<Object> filterParams = new ArrayList<>();
        String filters = filters(query, filterParams);
        StringBuilder sql = new StringBuilder();
        if (parsed.isEmpty()) {
            sql.append(SELECT.formatted("0")).append(" where ").append(filters);
            params.addAll(filterParams);
            sql.append(" order by a.updated_at desc, a.id desc");
        } else {
            String[] lookups = parsed.lookups().toArray(String[]::new);
            sql.append("with candidates as (");
            candidates(
                    sql,
                    params,
                    filters,
                    filterParams,
                    "a.title_tokens && cast(? as text[])",
                    lookups,
                    TITLE_CANDIDATES);
            sql.append(" union ");
            candidates(
                    sql, params, filters, filterParams, "a.body_tokens @> cast(? as text[])", lookups, BODY_CANDIDATES);
            sql.append(" union ");
            candidates(
                    sql, params, filters, filterParams, "a.body_tokens && cast(? as text[])", lookups, SOME_CANDIDATES);
            sql.append(") ");
            sql.append(SELECT.formatted(score(parsed, preferred, params)));
            sql.append(" where a.id in (select id from candidates)");
            sql.append(" order by score desc, a.use_count desc, a.updated_at desc, a.id");
        }
        sql.append(" limit ?");
        params.add(Math.max(1, Math.min(query.limit(), MAX_LIMIT)));
        return new Statement(sql.toString(), params);
    }

    /** The query's filters on {@code a}, their values added to {@code params}. */
    private static String filters(ArticleQuery query, List<Object> params) {
        StringBuilder filters = new StringBuilder("a.status = any (?) and a.visibility = any (?)");
        params.add(query.statuses().stream().map(Enum::name).toArray(String[]::new));
        params.add(query.visibilities().stream().map(Enum::name).toArray(String[]::new));
        if (query.locale() != null) {
            filters.append(" and a.locale = ?");
            params.add(query.locale().tag());
        }
        if (query.categoryId() != null) {
            filters.append(" and a.category_id = ?");
            params.add(query.categoryId());
        }
        return filters.toString();
    }

    /** One way of finding candidates through an index, at most {@code most} of them, the most used and newest. */
    private static void candidates(
            StringBuilder sql,
            List<Object> params,
            String filters,
            List<Object> filterParams,
            String match,
            String[] lookups,
            int most) {
        // "offset 0" keeps the match a subquery of its own, found through its GIN index: otherwise the planner may walk
        // an index in the order wanted and test every article's tokens until it has enough, slow for a rare match
        sql.append("(select id from (select a.id, a.use_count, a.updated_at from knowledge_articles a where ")
                .append(filters)
                .append(" and ")
                .append(match)
                .append(" offset 0) m order by use_count desc, updated_at desc limit ")
                .append(most)
                .append(')');
        params.addAll(filterParams);
        params.add(lookups);
    }

    /**
     * The score as one expression over the row, each piece of the query a parameter of its own (a query has at most
     * {@link SearchText#MAX_TERMS} of each): cheaper per candidate than unnesting arrays in subqueries.
     */
    private static String score(SearchText.Query parsed, ArticleLocale preferred, List<Object> params) {
        StringBuilder score = new StringBuilder("(0");
        contains(score, params, parsed.phrase(), PHRASE_IN_TITLE, PHRASE_IN_BODY);
        parsed.parts().forEach(part -> contains(score, params, part, PART_IN_TITLE, PART_IN_BODY));
        parsed.terms().forEach(term -> contains(score, params, term, TERM_IN_TITLE, TERM_IN_BODY));
        if (preferred != null) {
            score.append(" + (case when a.locale = ? then ")
                    .append(PREFERRED_LOCALE)
                    .append(" else 0 end)");
            params.add(preferred.tag());
        }
        score.append(" + ").append(TITLE_COVERAGE).append(".0 * (0");
        for (String part : parsed.parts()) {
            score.append(" + (case when strpos(a.title_norm, ?) > 0 then ")
                    .append(part.codePointCount(0, part.length()))
                    .append(" else 0 end)");
            params.add(part);
        }
        score.append(") / greatest(length(a.title_norm), 1))");
        return score.toString();
    }

    private static void contains(StringBuilder score, List<Object> params, String text, int inTitle, int inBody) {
        score.append(" + (case when strpos(a.title_norm, ?) > 0 then ")
                .append(inTitle)
                .append(" else 0 end) + (case when strpos(a.body_norm, ?) > 0 then ")
                .append(inBody)
                .append(" else 0 end)");
        params.add(text);
        params.add(text);
    }

    private static ArticleHit hit(ResultSet rs, List<String> needles) throws SQLException {
        String title = rs.getString("title");
        String body = rs.getString("body");
        return new ArticleHit(
                rs.getLong("id"),
                title,
                Highlighter.mark(title, needles),
                Highlighter.snippet(body, needles),
                ArticleLocale.ofTag(rs.getString("locale")).orElseThrow(),
                rs.getLong("category_id"),
                rs.getString("category"),
                ArticleVisibility.valueOf(rs.getString("visibility")),
                ArticleStatus.valueOf(rs.getString("status")),
                rs.getLong("use_count"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getDouble("score"));
    }
}

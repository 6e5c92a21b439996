package dev.retain.service;

import java.util.List;
import java.util.Locale;

/**
 * The knowledge base (知识库): articles agents and customers find by a search that works for Chinese, their versions,
 * and the tickets they helped to solve. Every change is audited.
 */
public interface KnowledgeBase {

    /** The longest search text taken from a person; longer is refused (a suggestion for a ticket uses its start). */
    int MAX_QUERY = 200;

    int MAX_TITLE = 200;

    int MAX_BODY = 50_000;

    /** Articles matching the query, best first (see {@link ArticleQuery}). @throws dev.retain.platform.InvalidInputException a query too long */
    List<ArticleHit> search(ArticleQuery query);

    /**
     * Published articles for agents answering a ticket: suggested from its text (only its first {@link #MAX_QUERY}
     * characters count), in the customer's language first when {@code locale} is given.
     */
    List<ArticleHit> suggest(String text, Locale locale, int limit);

    /** As {@link #suggest(String, Locale, int)}, for this audience: the customer portal asks for {@code CUSTOMERS}. */
    List<ArticleHit> suggest(String text, Locale locale, ArticleAudience audience, int limit);

    /** @throws dev.retain.platform.NotFoundException no such article */
    Article find(long id);

    /**
     * An agent put the article into a reply on the ticket of this customer: counted once per article and ticket
     * (again is a no-op). @return whether this was the first time
     * @throws dev.retain.platform.NotFoundException no such article
     */
    boolean recordUse(long articleId, long ticketId, long customerId);

    /** Published articles that helped most often, most first. */
    List<Article> mostUsed(int limit);

    /** A new article, a DRAFT at version 1. @throws dev.retain.platform.InvalidInputException what is wrong, by field */
    Article create(ArticleDraft draft);

    /** Saves a new version of the article. @throws dev.retain.platform.InvalidInputException what is wrong, by field */
    Article update(long id, ArticleDraft draft);

    Article publish(long id);

    Article archive(long id);

    /** Its versions, newest first. */
    List<ArticleVersion> versions(long id);

    /** Saves an older version's content as the newest version; the state stays as it is. */
    Article restore(long id, int version);

    List<ArticleCategory> categories();

    /** @throws dev.retain.platform.InvalidInputException an empty, too long or taken name */
    ArticleCategory createCategory(String name);
}

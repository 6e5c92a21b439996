package dev.retain.service.knowledge;

import dev.retain.service.Article;
import dev.retain.service.ArticleAudience;
import dev.retain.service.ArticleCategory;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleHit;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleQuery;
import dev.retain.service.ArticleVersion;
import dev.retain.service.KnowledgeBase;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/** The knowledge base's API, over the services that each do one part of it. */
@Service
class KnowledgeBaseService implements KnowledgeBase {

    private final Articles articles;
    private final ArticleSearch search;
    private final ArticleUses uses;
    private final KnowledgeCategories categories;

    KnowledgeBaseService(Articles articles, ArticleSearch search, ArticleUses uses, KnowledgeCategories categories) {
        this.articles = articles;
        this.search = search;
        this.uses = uses;
        this.categories = categories;
    }

    @Override
    public List<ArticleHit> search(ArticleQuery query) {
        return search.search(query);
    }

    @Override
    public List<ArticleHit> suggest(String text, Locale locale, int limit) {
        return suggest(text, locale, ArticleAudience.STAFF, limit);
    }

    @Override
    public List<ArticleHit> suggest(String text, Locale locale, ArticleAudience audience, int limit) {
        return search.suggest(text, ArticleLocale.closestTo(locale), List.copyOf(audience.visible()), limit);
    }

    @Override
    public Article find(long id) {
        return articles.find(id);
    }

    @Override
    public boolean recordUse(long articleId, long ticketId, long customerId) {
        return uses.record(articleId, ticketId, customerId);
    }

    @Override
    public List<Article> mostUsed(int limit) {
        return articles.mostUsed(limit);
    }

    @Override
    public Article create(ArticleDraft draft) {
        return articles.create(draft);
    }

    @Override
    public Article update(long id, ArticleDraft draft) {
        return articles.update(id, draft);
    }

    @Override
    public Article publish(long id) {
        return articles.publish(id);
    }

    @Override
    public Article archive(long id) {
        return articles.archive(id);
    }

    @Override
    public List<ArticleVersion> versions(long id) {
        return articles.versions(id);
    }

    @Override
    public Article restore(long id, int version) {
        return articles.restore(id, version);
    }

    @Override
    public List<ArticleCategory> categories() {
        return categories.all();
    }

    @Override
    public ArticleCategory createCategory(String name) {
        return categories.create(name);
    }
}

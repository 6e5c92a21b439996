package dev.retain.service.knowledge.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.service.Article;
import dev.retain.service.ArticleAudience;
import dev.retain.service.ArticleHit;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import dev.retain.service.knowledge.ArticleText;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the customer portal asks without a sign-in: suggestions of published public articles while a customer types
 * ({@code /public/knowledge/suggest}), and one such article to read. Nothing else is reachable here: a draft, an
 * archived or an internal article is "not found". Requests are limited per client address ({@link SuggestThrottle}).
 */
@RestController
@Tag(name = "Knowledge base (public)")
class PublicSuggestController {

    static final int MAX_SUGGESTIONS = 10;

    /** A suggestion: its title and a snippet, HTML with the matches in {@code <mark>}. */
    record Suggestion(long id, String title, String titleHtml, String snippetHtml, String locale, String category) {

        static Suggestion of(ArticleHit hit) {
            return new Suggestion(
                    hit.id(),
                    hit.title(),
                    hit.titleHtml(),
                    hit.snippetHtml(),
                    hit.locale().tag(),
                    hit.category());
        }
    }

    /** A public article: its text, and the same as safe HTML. */
    record PublicArticle(long id, String title, String body, String bodyHtml, String locale, String category) {}

    private final KnowledgeBase knowledge;
    private final SuggestThrottle throttle;

    PublicSuggestController(KnowledgeBase knowledge, SuggestThrottle throttle) {
        this.knowledge = knowledge;
        this.throttle = throttle;
    }

    /**
     * Up to {@code limit} (10 at most) published public articles for what the customer typed, in their language
     * ({@code locale}: zh-CN or en) first. Empty text: none. 400 for text over 200 characters, 429 when the address
     * asked too often this minute.
     */
    @GetMapping("/public/knowledge/suggest")
    ResponseEntity<?> suggest(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String locale,
            @RequestParam(defaultValue = "5") int limit,
            HttpServletRequest request) {
        if (!throttle.allow(request.getRemoteAddr())) {
            return tooMany();
        }
        String text = q == null ? "" : q;
        if (text.length() > KnowledgeBase.MAX_QUERY) {
            throw new InvalidInputException(
                    "q", "at most " + KnowledgeBase.MAX_QUERY + " characters (" + text.length() + " given)");
        }
        Locale language = locale == null || locale.isBlank() ? null : toLocale(locale);
        List<Suggestion> suggestions = knowledge
                .suggest(text, language, ArticleAudience.CUSTOMERS, Math.max(1, Math.min(limit, MAX_SUGGESTIONS)))
                .stream()
                .map(Suggestion::of)
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(suggestions);
    }

    /** A published public article; 404 for any other. */
    @GetMapping("/public/knowledge/articles/{id}")
    ResponseEntity<?> article(@PathVariable long id, HttpServletRequest request) {
        if (!throttle.allow(request.getRemoteAddr())) {
            return tooMany();
        }
        Article article = knowledge.find(id);
        if (article.status() != ArticleStatus.PUBLISHED || article.visibility() != ArticleVisibility.PUBLIC) {
            throw new NotFoundException("Article", id);
        }
        return ResponseEntity.ok(new PublicArticle(
                article.id(),
                article.title(),
                article.body(),
                ArticleText.toHtml(article.body()),
                article.locale().tag(),
                article.category()));
    }

    private static Locale toLocale(String tag) {
        return ArticleLocale.ofTag(tag)
                .map(found -> Locale.forLanguageTag(found.tag()))
                .orElseThrow(() -> new InvalidInputException("locale", "'" + tag + "' is not zh-CN or en"));
    }

    private ResponseEntity<ProblemDetail> tooMany() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "at most " + throttle.perMinute() + " requests a minute from one address; try again in a minute");
        problem.setTitle("Too many requests");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", "60")
                .body(problem);
    }
}

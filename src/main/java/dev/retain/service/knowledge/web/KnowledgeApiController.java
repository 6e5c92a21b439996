package dev.retain.service.knowledge.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.service.Article;
import dev.retain.service.ArticleCategory;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleHit;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleQuery;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVersion;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/knowledge}: searching and reading articles (every staff role), writing, publishing, archiving and
 * restoring them (admins, managers, service). Bad input — an empty title, an unknown category, a query over 200
 * characters, an unknown locale, visibility or status — is a 400 problem naming the field.
 */
@RestController
@Tag(name = "Knowledge base")
class KnowledgeApiController {

    /** A new category. */
    record CategoryRequest(String name) {}

    private final KnowledgeBase knowledge;

    KnowledgeApiController(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * Articles for {@code q} (blank: all, most recently updated first), best first, with their title and a snippet
     * marked (HTML). {@code status} defaults to PUBLISHED ({@code ALL} for every state); {@code visibility} to both.
     */
    @GetMapping("/api/v1/knowledge/articles")
    @PreAuthorize(KnowledgeAccess.READ)
    List<ArticleHit> search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String locale,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long categoryId,
            @RequestParam(defaultValue = "20") int limit) {
        return knowledge.search(new ArticleQuery(
                q,
                locale(locale),
                categoryId,
                visibility == null || visibility.isBlank()
                        ? null
                        : Set.of(named(ArticleVisibility.class, "visibility", visibility)),
                statuses(status),
                limit));
    }

    @GetMapping("/api/v1/knowledge/articles/{id}")
    @PreAuthorize(KnowledgeAccess.READ)
    Article article(@PathVariable long id) {
        return knowledge.find(id);
    }

    @GetMapping("/api/v1/knowledge/articles/{id}/versions")
    @PreAuthorize(KnowledgeAccess.READ)
    List<ArticleVersion> versions(@PathVariable long id) {
        return knowledge.versions(id);
    }

    /** A new article, a draft at version 1: 201. */
    @PostMapping("/api/v1/knowledge/articles")
    @PreAuthorize(KnowledgeAccess.EDIT)
    @ResponseStatus(HttpStatus.CREATED)
    Article create(@RequestBody ArticleDraft draft) {
        return knowledge.create(draft);
    }

    /** Saves the article as a new version; its state stays. */
    @PutMapping("/api/v1/knowledge/articles/{id}")
    @PreAuthorize(KnowledgeAccess.EDIT)
    Article update(@PathVariable long id, @RequestBody ArticleDraft draft) {
        return knowledge.update(id, draft);
    }

    @PostMapping("/api/v1/knowledge/articles/{id}/publish")
    @PreAuthorize(KnowledgeAccess.EDIT)
    Article publish(@PathVariable long id) {
        return knowledge.publish(id);
    }

    @PostMapping("/api/v1/knowledge/articles/{id}/archive")
    @PreAuthorize(KnowledgeAccess.EDIT)
    Article archive(@PathVariable long id) {
        return knowledge.archive(id);
    }

    /** Saves version {@code version}'s content as the newest version. */
    @PostMapping("/api/v1/knowledge/articles/{id}/versions/{version}/restore")
    @PreAuthorize(KnowledgeAccess.EDIT)
    Article restore(@PathVariable long id, @PathVariable int version) {
        return knowledge.restore(id, version);
    }

    @GetMapping("/api/v1/knowledge/categories")
    @PreAuthorize(KnowledgeAccess.READ)
    List<ArticleCategory> categories() {
        return knowledge.categories();
    }

    @PostMapping("/api/v1/knowledge/categories")
    @PreAuthorize(KnowledgeAccess.EDIT)
    @ResponseStatus(HttpStatus.CREATED)
    ArticleCategory createCategory(@RequestBody CategoryRequest request) {
        return knowledge.createCategory(request == null ? null : request.name());
    }

    static ArticleLocale locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return ArticleLocale.ofTag(tag)
                .orElseThrow(() -> new InvalidInputException("locale", "'" + tag + "' is not zh-CN or en"));
    }

    static Set<ArticleStatus> statuses(String status) {
        if (status == null || status.isBlank()) {
            return Set.of(ArticleStatus.PUBLISHED);
        }
        if (status.strip().equalsIgnoreCase("ALL")) {
            return Set.of(ArticleStatus.values());
        }
        return Set.of(named(ArticleStatus.class, "status", status));
    }

    static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        field,
                        "'" + value + "' is not one of "
                                + Arrays.stream(type.getEnumConstants())
                                        .map(Enum::name)
                                        .toList()));
    }
}

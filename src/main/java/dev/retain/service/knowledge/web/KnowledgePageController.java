package dev.retain.service.knowledge.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.service.Article;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleLocale;
import dev.retain.service.ArticleQuery;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import dev.retain.service.knowledge.ArticleText;
import dev.retain.service.knowledge.Articles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Service → Knowledge base: the list with its search and filters, an article's page (its translations, and for
 * editors its versions with restore), and the editor. Everyone signed in reads; admins, managers and service edit.
 */
@Controller
class KnowledgePageController {

    static final int PAGE_SIZE = 50;

    private final KnowledgeBase knowledge;
    private final Articles articles;
    private final CompanyZone zone;

    KnowledgePageController(KnowledgeBase knowledge, Articles articles, CompanyZone zone) {
        this.knowledge = knowledge;
        this.articles = articles;
        this.zone = zone;
    }

    @GetMapping("/service/knowledge")
    @PreAuthorize(KnowledgeAccess.READ)
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long category,
            @RequestParam(required = false) String locale,
            @RequestParam(required = false) String status,
            Authentication viewer,
            Model model) {
        String text = q == null ? "" : q.strip();
        ArticleLocale language = ArticleLocale.ofTag(locale).orElse(null);
        boolean editor = isEditor(viewer);
        Set<ArticleStatus> statuses = editor && status != null && !status.isBlank()
                ? statusesOrPublished(status)
                : Set.of(ArticleStatus.PUBLISHED);
        model.addAttribute("q", text);
        model.addAttribute("category", category);
        model.addAttribute("locale", language == null ? "" : language.tag());
        model.addAttribute(
                "status", statuses.size() == 1 ? statuses.iterator().next().name() : "ALL");
        model.addAttribute("categories", knowledge.categories());
        model.addAttribute("editor", editor);
        if (text.length() > KnowledgeBase.MAX_QUERY) {
            model.addAttribute("queryProblem", KnowledgeBase.MAX_QUERY);
            model.addAttribute("hits", List.of());
        } else {
            model.addAttribute(
                    "hits", knowledge.search(new ArticleQuery(text, language, category, null, statuses, PAGE_SIZE)));
        }
        model.addAttribute("mostUsed", text.isEmpty() ? knowledge.mostUsed(5) : List.of());
        return "service/knowledge/list";
    }

    @GetMapping("/service/knowledge/{id}")
    @PreAuthorize(KnowledgeAccess.READ)
    String show(@PathVariable long id, Authentication viewer, Model model) {
        Article article = knowledge.find(id);
        boolean editor = isEditor(viewer);
        if (article.status() != ArticleStatus.PUBLISHED && !editor) {
            throw new NotFoundException("Article", id);
        }
        model.addAttribute("article", article);
        model.addAttribute("bodyHtml", ArticleText.toHtml(article.body()));
        model.addAttribute("translations", articles.translations(article));
        model.addAttribute("editor", editor);
        model.addAttribute("versions", editor ? knowledge.versions(id) : List.of());
        model.addAttribute("zone", zone.zone());
        return "service/knowledge/show";
    }

    @GetMapping("/service/knowledge/new")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String create(@RequestParam(required = false) Long translationOf, Model model) {
        if (!model.containsAttribute("form")) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("title", "");
            form.put("body", "");
            form.put("locale", "zh-CN");
            form.put("categoryId", null);
            form.put("visibility", ArticleVisibility.INTERNAL.name());
            form.put("translationOf", null);
            if (translationOf != null) {
                Article original = knowledge.find(translationOf);
                form.put("translationOf", original.id());
                form.put("categoryId", original.categoryId());
                form.put("visibility", original.visibility().name());
                form.put("locale", original.locale() == ArticleLocale.EN ? "zh-CN" : "en");
            }
            model.addAttribute("form", form);
        }
        return editor(null, model);
    }

    @GetMapping("/service/knowledge/{id}/edit")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String edit(@PathVariable long id, Model model) {
        Article article = knowledge.find(id);
        if (!model.containsAttribute("form")) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("title", article.title());
            form.put("body", article.body());
            form.put("locale", article.locale().tag());
            form.put("categoryId", article.categoryId());
            form.put("visibility", article.visibility().name());
            form.put("translationOf", article.translationOf());
            model.addAttribute("form", form);
        }
        return editor(article, model);
    }

    private String editor(Article article, Model model) {
        model.addAttribute("article", article);
        model.addAttribute("categories", knowledge.categories());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "service/knowledge/form";
    }

    @PostMapping("/service/knowledge")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String save(
            @RequestParam(required = false) Long id,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String locale,
            @RequestParam(required = false) Long categoryId,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) Long translationOf,
            @RequestParam(required = false) String publish,
            RedirectAttributes redirect) {
        ArticleVisibility audience =
                "PUBLIC".equals(visibility) ? ArticleVisibility.PUBLIC : ArticleVisibility.INTERNAL;
        var draft = new ArticleDraft(title, body, locale, categoryId, audience, translationOf);
        try {
            Article saved = id == null ? knowledge.create(draft) : knowledge.update(id, draft);
            if (publish != null) {
                saved = knowledge.publish(saved.id());
            }
            redirect.addFlashAttribute("message", "knowledge.saved");
            return "redirect:/service/knowledge/" + saved.id();
        } catch (InvalidInputException e) {
            Map<String, Object> form = new LinkedHashMap<>();
            form.put("title", title);
            form.put("body", body);
            form.put("locale", locale);
            form.put("categoryId", categoryId);
            form.put("visibility", audience.name());
            form.put("translationOf", translationOf);
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("errors", e.fieldErrors());
            return id == null ? "redirect:/service/knowledge/new" : "redirect:/service/knowledge/" + id + "/edit";
        }
    }

    @PostMapping("/service/knowledge/{id}/publish")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String publish(@PathVariable long id, RedirectAttributes redirect) {
        knowledge.publish(id);
        redirect.addFlashAttribute("message", "knowledge.published");
        return "redirect:/service/knowledge/" + id;
    }

    @PostMapping("/service/knowledge/{id}/archive")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String archive(@PathVariable long id, RedirectAttributes redirect) {
        knowledge.archive(id);
        redirect.addFlashAttribute("message", "knowledge.archived");
        return "redirect:/service/knowledge/" + id;
    }

    @PostMapping("/service/knowledge/{id}/versions/{version}/restore")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String restore(@PathVariable long id, @PathVariable int version, RedirectAttributes redirect) {
        try {
            knowledge.restore(id, version);
            redirect.addFlashAttribute("message", "knowledge.restored");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("knowledgeProblem", e.getMessage());
        }
        return "redirect:/service/knowledge/" + id;
    }

    @PostMapping("/service/knowledge/categories")
    @PreAuthorize(KnowledgeAccess.EDIT)
    String createCategory(@RequestParam(required = false) String name, RedirectAttributes redirect) {
        try {
            knowledge.createCategory(name);
            redirect.addFlashAttribute("message", "knowledge.categorySaved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("categoryProblem", e.fieldErrors().get("name"));
        }
        return "redirect:/service/knowledge";
    }

    private static Set<ArticleStatus> statusesOrPublished(String status) {
        if ("ALL".equalsIgnoreCase(status)) {
            return Set.of(ArticleStatus.values());
        }
        for (ArticleStatus s : ArticleStatus.values()) {
            if (s.name().equalsIgnoreCase(status)) {
                return Set.of(s);
            }
        }
        return Set.of(ArticleStatus.PUBLISHED);
    }

    private static boolean isEditor(Authentication viewer) {
        return viewer != null
                && viewer.getAuthorities().stream()
                        .anyMatch(a -> Set.of("ROLE_ADMIN", "ROLE_MANAGER", "ROLE_SERVICE")
                                .contains(a.getAuthority()));
    }
}

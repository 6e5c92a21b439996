package dev.retain.demo.service;

import dev.retain.demo.ActingUser;
import dev.retain.demo.PastChapter;
import dev.retain.demo.PastDay;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.Article;
import dev.retain.service.ArticleCategory;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On its first day the service team wrote its knowledge base (知识库): some forty articles in Chinese — returns,
 * invoices, delivery, points, account security, product care — a few internal to agents, two drafts and one archived
 * campaign, with English translations of the most asked ones. Every three weeks since, someone on the team revised an
 * article, so articles have versions to compare and restore.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class KnowledgePast implements PastChapter {

    static final String ARTICLES = "/demo/knowledge-base.txt";
    static final int REVISE_EVERY_DAYS = 21;
    private static final List<String> REVISIONS = List.of(
            "更新：春节期间（除夕至初六）暂停发货，初七起按下单顺序发出。",
            "更新：客服热线服务时间调整为每天 9:00–21:00。",
            "更新：新增顺丰冷链配送，生鲜商品次日达。",
            "更新：电子发票改为订单完成后 1 个工作日内发送。");

    private final KnowledgeBase knowledge;
    private final UserAccounts users;
    private final List<Long> published = new ArrayList<>();
    private final Map<ArticleStatus, Integer> written = new EnumMap<>(ArticleStatus.class);
    private int categories;
    private int revisions;

    KnowledgePast(KnowledgeBase knowledge, UserAccounts users) {
        this.knowledge = knowledge;
        this.users = users;
    }

    /** After the team: its service user exists by then. */
    @Override
    public int order() {
        return 35;
    }

    @Override
    public void adopt(PastDay day) {
        ActingUser.run(author(), () -> write(entries()));
    }

    @Override
    public void live(PastDay day) {
        if (day.number() == 0 || day.number() % REVISE_EVERY_DAYS != 0 || published.isEmpty()) {
            return;
        }
        var random = day.random("knowledge");
        long id = published.get(random.nextInt(published.size()));
        String note = REVISIONS.get(random.nextInt(REVISIONS.size()));
        ActingUser.run(author(), () -> {
            Article article = knowledge.find(id);
            if (article.body().contains(note)) {
                return;
            }
            knowledge.update(
                    id,
                    new ArticleDraft(
                            article.title(),
                            article.body() + "\n\n" + note,
                            article.locale().tag(),
                            article.categoryId(),
                            article.visibility(),
                            article.translationOf()));
            revisions++;
        });
    }

    @Override
    public List<String> generated() {
        return List.of(
                "Knowledge base: %d articles in %d categories (%d published, %d drafts, %d archived), %d revisions"
                        .formatted(
                                written.values().stream()
                                        .mapToInt(Integer::intValue)
                                        .sum(),
                                categories,
                                written.getOrDefault(ArticleStatus.PUBLISHED, 0),
                                written.getOrDefault(ArticleStatus.DRAFT, 0),
                                written.getOrDefault(ArticleStatus.ARCHIVED, 0),
                                revisions));
    }

    private UserAccount author() {
        return users.findByUsername("service")
                .or(() -> users.withAnyRole(Set.of(Role.SERVICE, Role.ADMIN)).stream()
                        .findFirst())
                .orElseThrow(() -> new IllegalStateException("the demo company has no service staff"));
    }

    private void write(List<Entry> entries) {
        Map<String, Long> categoryIds = new LinkedHashMap<>();
        knowledge.categories().forEach(c -> categoryIds.put(c.name(), c.id()));
        Map<String, Long> byTitle = new LinkedHashMap<>();
        for (Entry entry : entries) {
            long category = categoryIds.computeIfAbsent(entry.category(), name -> {
                ArticleCategory created = knowledge.createCategory(name);
                categories++;
                return created.id();
            });
            Article article = knowledge.create(new ArticleDraft(
                    entry.title(),
                    entry.body(),
                    entry.locale(),
                    category,
                    entry.visibility(),
                    entry.translates() == null ? null : byTitle.get(entry.translates())));
            byTitle.put(entry.title(), article.id());
            if (entry.status() != ArticleStatus.DRAFT) {
                knowledge.publish(article.id());
                if (entry.status() == ArticleStatus.ARCHIVED) {
                    knowledge.archive(article.id());
                } else {
                    published.add(article.id());
                }
            }
            written.merge(entry.status(), 1, Integer::sum);
        }
    }

    /** An article of the demo's file. */
    record Entry(
            String category,
            String locale,
            ArticleVisibility visibility,
            ArticleStatus status,
            String translates,
            String title,
            String body) {}

    static List<Entry> entries() {
        String text;
        try (InputStream in = KnowledgePast.class.getResourceAsStream(ARTICLES)) {
            if (in == null) {
                throw new IllegalStateException(ARTICLES + " is missing");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        for (String block : text.split("(?m)^---$")) {
            Map<String, String> header = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            boolean inBody = false;
            for (String line : block.strip().split("\n", -1)) {
                if (inBody) {
                    body.append(line).append('\n');
                } else if (line.startsWith("#") || line.isBlank()) {
                    continue;
                } else {
                    int colon = line.indexOf(": ");
                    String key = line.substring(0, colon);
                    header.put(key, line.substring(colon + 2).strip());
                    inBody = key.equals("title");
                }
            }
            entries.add(new Entry(
                    header.get("category"),
                    header.getOrDefault("locale", "zh-CN"),
                    ArticleVisibility.valueOf(header.getOrDefault("visibility", "PUBLIC")),
                    ArticleStatus.valueOf(header.getOrDefault("status", "PUBLISHED")),
                    header.get("translates"),
                    header.get("title"),
                    body.toString().strip()));
        }
        return entries;
    }
}

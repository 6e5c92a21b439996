package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.service.ArticleAudience;
import dev.retain.service.ArticleQuery;
import dev.retain.service.KnowledgeBase;
import dev.retain.service.knowledge.SearchPlans;
import dev.retain.service.knowledge.SearchText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The knowledge base's search over N generated articles (mostly Chinese, some English, realistic service-desk text):
 * Q searches of mixed queries — Chinese words of two to four characters, single characters, phrases, English words and
 * prefixes, Chinese and English mixed — through {@link KnowledgeBase#search}, against the same queries as a plain
 * {@code ILIKE '%…%'} scan over titles and bodies (title matches first), measured in the same run. Run by {@code
 * bench/knowledge}; prints figures and, last, one line of key=value pairs.
 */
public final class KnowledgeBenchmark {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static final String[] TOPICS = {
        "退货", "换货", "退款", "发票", "物流", "快递", "运费", "积分", "会员", "优惠券", "账户", "密码", "手机号", "保修", "维修",
        "安装", "售后", "订单", "支付", "分期", "价保", "地址", "配送", "生日礼", "邀请", "注销", "验证码", "客服", "投诉", "赠品"
    };
    private static final String[] PRODUCTS = {
        "电热水壶", "空气净化器", "扫地机器人", "婴儿奶瓶", "羊毛衫", "蓝牙耳机", "智能手表", "保温杯", "电饭煲", "吸尘器", "加湿器", "茶叶礼盒", "坚果零食", "儿童座椅",
        "电动牙刷"
    };
    private static final String[] TITLE_ENDS = {"流程", "说明", "常见问题", "规则", "怎么办", "注意事项", "指南", "多久到账", "如何申请", "政策"};
    private static final String[] SENTENCES = {
        "收到商品 %d 天内可申请%s，请在订单详情页点击“申请售后”。",
        "%s的处理时间一般为 %d 个工作日，节假日顺延。",
        "如%s遇到问题，请联系在线客服并提供订单号和照片。",
        "使用%s前请仔细阅读说明书，首次使用前请清洗。",
        "%s相关的费用以结算页面显示为准，满 %d 元包邮。",
        "会员可在“我的账户”中查看%s记录和明细。",
        "%s审核通过后，款项原路退回，微信和支付宝 1–3 天到账。",
        "为保障账户安全，办理%s前客服会核实手机号后四位。",
        "%s的快递单号可在订单详情页查看，物流信息每 %d 小时更新一次。",
        "活动期间%s可叠加使用，具体以活动页面为准。",
        "如%s超过 %d 天没有进展，可以申请升级处理。",
        "企业顾客的%s请在下单时填写公司名称和税号。"
    };
    private static final String[] ENGLISH_TOPICS = {
        "return",
        "refund",
        "invoice",
        "delivery",
        "tracking",
        "points",
        "membership",
        "coupon",
        "password",
        "warranty",
        "repair",
        "payment",
        "address",
        "account",
        "exchange"
    };
    private static final String[] ENGLISH_SENTENCES = {
        "You can ask for a %s within %d days of delivery on the order page.",
        "A %s usually takes %d working days; weekends and holidays do not count.",
        "If your %s is late, contact our service team with the order number.",
        "Members see every %s in their account under My orders.",
        "For a %s, companies enter their name and tax number when they order.",
        "We check your phone number before we change anything about your %s."
    };

    public static void main(String[] args) throws Exception {
        int articles = option(args, "--articles", 10_000);
        int searches = option(args, "--searches", 1_000);
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-knowledge")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        "retain.segments.recompute-cron=-",
                        "logging.level.root=WARN")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        try {
            run(context, articles, searches);
        } finally {
            context.close();
        }
    }

    private static int option(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }

    private static void run(ConfigurableApplicationContext context, int count, int searches) {
        var knowledge = context.getBean(KnowledgeBase.class);
        var jdbc = context.getBean(JdbcClient.class);
        var template = context.getBean(JdbcTemplate.class);
        var random = new SplittableRandom(20261207);

        long started = System.nanoTime();
        long category = knowledge.createCategory("售后").id();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(article(random, i, category));
            if (rows.size() == 1_000 || i == count - 1) {
                insert(template, rows);
                rows.clear();
            }
        }
        template.execute("vacuum analyze knowledge_articles");
        System.out.printf(
                "generated %,d articles (%,d in English), %,d characters of text on average, in %.1f s%n",
                count,
                jdbc.sql("select count(*) from knowledge_articles where locale = 'en'")
                        .query(Long.class)
                        .single(),
                jdbc.sql("select avg(length(title) + length(body))::int from knowledge_articles")
                        .query(Integer.class)
                        .single(),
                seconds(started));

        List<String> queries = new ArrayList<>();
        for (int i = 0; i < searches; i++) {
            queries.add(query(random, i));
        }
        // warm up both, not counted
        for (String q : queries.subList(0, Math.min(100, queries.size()))) {
            knowledge.search(ArticleQuery.published(q, null, ArticleAudience.STAFF, 10));
            ilike(jdbc, q);
        }
        long[] ranked = new long[queries.size()];
        long[] scanned = new long[queries.size()];
        long found = 0;
        long foundByScan = 0;
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            long t = System.nanoTime();
            found += knowledge
                    .search(ArticleQuery.published(q, null, ArticleAudience.STAFF, 10))
                    .size();
            ranked[i] = System.nanoTime() - t;
            t = System.nanoTime();
            foundByScan += ilike(jdbc, q);
            scanned[i] = System.nanoTime() - t;
        }
        String[] kinds = {
            "word", "word", "word", "phrase", "two words", "one character", "mixed", "how to", "prefix", "product"
        };
        for (int kind = 0; kind < 10; kind++) {
            if (kind == 1 || kind == 2) {
                continue;
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                if (i % 10 == kind || (kind == 0 && i % 10 < 3)) {
                    times.add(ranked[i]);
                }
            }
            long[] of = times.stream().mapToLong(Long::longValue).toArray();
            System.out.printf(
                    "  %-14s (e.g. %s): p50 %.1f ms, p95 %.1f ms%n",
                    kinds[kind], queries.get(kind), percentile(of, 0.50), percentile(of, 0.95));
        }
        if (Boolean.getBoolean("bench.explain")) {
            Integer[] order = new Integer[queries.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(ranked[y], ranked[x]));
            for (int k = 0; k < Math.min(3, order.length); k++) {
                String q = queries.get(order[k]);
                System.out.printf(
                        "slow: %s (%.1f ms)%n%s%n",
                        q,
                        ranked[order[k]] / 1e6,
                        SearchPlans.explain(
                                jdbc,
                                context.getBean(PlatformTransactionManager.class),
                                ArticleQuery.published(q, null, ArticleAudience.STAFF, 10)));
            }
        }
        double p50 = percentile(ranked, 0.50);
        double p95 = percentile(ranked, 0.95);
        double scanP50 = percentile(scanned, 0.50);
        double scanP95 = percentile(scanned, 0.95);
        System.out.printf(
                "search (ranked, highlighted, top 10): %,d queries, p50 %.1f ms, p95 %.1f ms, max %.1f ms;"
                        + " %.1f hits a query%n",
                queries.size(), p50, p95, percentile(ranked, 1.0), (double) found / queries.size());
        System.out.printf(
                "reference, ILIKE '%%…%%' over title and body (title matches first, top 10): p50 %.1f ms, p95 %.1f ms;"
                        + " %.1f hits a query (the whole text must appear as typed)%n",
                scanP50, scanP95, (double) foundByScan / queries.size());
        System.out.printf(
                "kb_search_p95_ms=%.1f ilike_p95_ms=%.1f ratio=%.2f articles=%d searches=%d%n",
                p95, scanP95, p95 / scanP95, count, queries.size());
    }

    private static Object[] article(SplittableRandom random, int i, long category) {
        boolean english = random.nextInt(10) == 0;
        String title;
        StringBuilder body = new StringBuilder();
        if (english) {
            String topic = pick(random, ENGLISH_TOPICS);
            title = Character.toUpperCase(topic.charAt(0)) + topic.substring(1) + " "
                    + pick(random, new String[] {"guide", "questions", "rules", "how-to", "policy"}) + " " + i;
            int sentences = 4 + random.nextInt(6);
            for (int s = 0; s < sentences; s++) {
                body.append(String.format(
                                pick(random, ENGLISH_SENTENCES),
                                s == 0 ? topic : pick(random, ENGLISH_TOPICS),
                                1 + random.nextInt(30)))
                        .append(s % 3 == 2 ? "\n\n" : " ");
            }
        } else {
            String topic = pick(random, TOPICS);
            title = (random.nextBoolean() ? pick(random, PRODUCTS) : "") + topic + pick(random, TITLE_ENDS);
            int sentences = 6 + random.nextInt(12);
            for (int s = 0; s < sentences; s++) {
                String template = pick(random, SENTENCES);
                String subject =
                        s == 0 ? topic : random.nextInt(3) == 0 ? pick(random, PRODUCTS) : pick(random, TOPICS);
                body.append(
                                template.contains("%d")
                                        ? String.format(
                                                template,
                                                template.indexOf("%s") < template.indexOf("%d")
                                                        ? new Object[] {subject, 1 + random.nextInt(30)}
                                                        : new Object[] {1 + random.nextInt(30), subject})
                                        : String.format(template, subject))
                        .append(s % 4 == 3 ? "\n\n" : "");
            }
        }
        String text = body.toString().strip();
        Timestamp at = Timestamp.from(START.plusSeconds(i * 600L));
        return new Object[] {
            title,
            text,
            english ? "en" : "zh-CN",
            category,
            random.nextInt(5) == 0 ? "INTERNAL" : "PUBLIC",
            random.nextInt(20) == 0 ? "DRAFT" : "PUBLISHED",
            at,
            at,
            SearchText.normalise(title),
            SearchText.normalise(text),
            SearchText.documentTokens(title).toArray(String[]::new),
            SearchText.documentTokens(text).toArray(String[]::new)
        };
    }

    private static void insert(JdbcTemplate template, List<Object[]> rows) {
        template.batchUpdate("""
                insert into knowledge_articles (title, body, locale, category_id, visibility, status, version, author,
                       created_at, updated_at, updated_by, title_norm, body_norm, title_tokens, body_tokens)
                values (?, ?, ?, ?, ?, ?, 1, 'bench', ?, ?, 'bench', ?, ?, ?, ?)""", rows);
    }

    /** Mixed queries, as agents and customers type them. */
    private static String query(SplittableRandom random, int i) {
        return switch (i % 10) {
            case 0, 1, 2 -> pick(random, TOPICS); // a two- or three-character word
            case 3 -> pick(random, TOPICS) + pick(random, TITLE_ENDS); // a phrase: 退货流程
            case 4 -> pick(random, PRODUCTS) + " " + pick(random, TOPICS); // two words: 电热水壶 保修
            case 5 -> pick(random, TOPICS).substring(0, 1); // one character
            case 6 -> pick(random, TOPICS) + " " + pick(random, ENGLISH_TOPICS); // mixed: 发票 invoice
            case 7 -> "how to " + pick(random, ENGLISH_TOPICS);
            case 8 -> pick(random, ENGLISH_TOPICS).substring(0, 3); // a prefix typed so far
            default -> pick(random, PRODUCTS);
        };
    }

    private static int ilike(JdbcClient jdbc, String q) {
        String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select id from knowledge_articles
                        where status = 'PUBLISHED' and (title ilike ? or body ilike ?)
                        order by (title ilike ?) desc, updated_at desc limit 10""")
                .params(pattern, pattern, pattern)
                .query(Long.class)
                .list()
                .size();
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(sorted);
        int at = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(at, sorted.length - 1))] / 1e6;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

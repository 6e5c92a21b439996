package dev.retain.demo.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.demo.DemoCompanyTest;
import dev.retain.service.ArticleAudience;
import dev.retain.service.ArticleHit;
import dev.retain.service.KnowledgeBase;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo company's knowledge base: some forty articles in Chinese and a few English translations, internal ones,
 * drafts and an archived one, revised during the past; its search answers the questions customers ask.
 */
@DemoCompanyTest
class KnowledgePastTests {

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theServiceTeamWroteAndRevisedItsKnowledgeBase() {
        assertThat(count("select count(*) from knowledge_articles where locale = 'zh-CN'"))
                .isGreaterThanOrEqualTo(38);
        assertThat(count("select count(*) from knowledge_articles where locale = 'en' and translation_of is not null"))
                .isGreaterThanOrEqualTo(5);
        assertThat(count("select count(*) from knowledge_articles where visibility = 'INTERNAL'"))
                .isPositive();
        assertThat(count("select count(*) from knowledge_articles where status = 'DRAFT'"))
                .isEqualTo(2);
        assertThat(count("select count(*) from knowledge_articles where status = 'ARCHIVED'"))
                .isEqualTo(1);
        assertThat(count("select count(*) from knowledge_articles where version > 1"))
                .as("articles revised during the past")
                .isPositive();
        assertThat(count("select count(*) from knowledge_articles where author <> 'service'"))
                .isZero();

        assertThat(first("退货流程").title()).isEqualTo("退换货流程");
        assertThat(first("发票 invoice").title()).isEqualTo("发票开具说明");
        assertThat(first("how to return").title()).isEqualTo("How to return or exchange an item");
        assertThat(first("物流").title()).isEqualTo("物流查询");
    }

    private ArticleHit first(String text) {
        List<ArticleHit> hits = knowledge.suggest(text, Locale.SIMPLIFIED_CHINESE, ArticleAudience.CUSTOMERS, 5);
        assertThat(hits).as(text).isNotEmpty();
        return hits.get(0);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}

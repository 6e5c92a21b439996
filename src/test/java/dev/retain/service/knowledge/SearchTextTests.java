package dev.retain.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How text is cut into tokens for the search, and how matches are marked. */
class SearchTextTests {

    @Test
    void chineseIsIndexedByCharactersAndNeighbouringPairs() {
        assertThat(SearchText.documentTokens("退货流程")).containsExactlyInAnyOrder("退", "货", "流", "程", "退货", "货流", "流程");
    }

    @Test
    void wordsAreIndexedByTheirPrefixesAndFullWidthLettersAreFolded() {
        assertThat(SearchText.documentTokens("ＩＮＶ")).containsExactlyInAnyOrder("i", "in", "inv");
        assertThat(SearchText.documentTokens("internationalisation"))
                .contains("internationa")
                .hasSize(12);
    }

    @Test
    void aQueryLooksUpPairsAndWordsAndDropsCommonWords() {
        SearchText.Query query = SearchText.query("How to return 退货流程?");

        assertThat(query.phrase()).isEqualTo("how to return 退货流程?");
        assertThat(query.parts()).containsExactly("return", "退货流程");
        assertThat(query.lookups()).containsExactly("return", "退货", "货流", "流程");
        assertThat(SearchText.query("票").lookups()).containsExactly("票");
        assertThat(SearchText.query("how to").lookups()).containsExactly("how", "to");
        assertThat(SearchText.query("  ，。 ").isEmpty()).isTrue();
    }

    @Test
    void highlightsAreEscapedAndFollowTheTextAsWritten() {
        assertThat(Highlighter.mark("开具ＩＮＶＯＩＣＥ <b>", List.of("invoice"))).isEqualTo("开具<mark>ＩＮＶＯＩＣＥ</mark> &lt;b&gt;");
        String snippet = Highlighter.snippet("前言。".repeat(50) + "退货流程在这里", List.of("退货"));
        assertThat(snippet).startsWith("…").contains("<mark>退货</mark>");
    }

    @Test
    void bodiesRenderAsEscapedParagraphsAndLists() {
        assertThat(ArticleText.toHtml("第一段<script>\n第二行\n\n- 甲\n- 乙\n\n1. 一"))
                .isEqualTo("<p>第一段&lt;script&gt;<br>第二行</p><ul><li>甲</li><li>乙</li></ul><ol><li>一</li></ol>");
    }
}

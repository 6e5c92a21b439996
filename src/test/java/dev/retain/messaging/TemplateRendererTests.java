package dev.retain.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateRendererTests {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private static Map<String, Object> context(Object firstName, Map<String, Object> custom) {
        var customer = new HashMap<String, Object>();
        customer.put("firstName", firstName);
        customer.put("name", "张<小明>");
        customer.put("custom", custom);
        var context = new HashMap<String, Object>();
        context.put("customer", customer);
        context.put("coupon", Map.of("code", "BACK-30", "description", "满200减30"));
        context.put(
                "recommendations",
                List.of(Map.of("sku", "A-1", "name", "储奶袋"), Map.of("sku", "A-2", "name", "<b>奶瓶</b>")));
        context.put("unsubscribe_url", "https://retain.example.com/u/x?a=1&b=2");
        return context;
    }

    @Test
    void aMissingOrBlankValueTakesTheDefault() {
        String template = "{{customer.firstName | default: \"顾客\"}}您好";

        assertThat(TemplateRenderer.render(template, context(null, Map.of()), TemplateRenderer.Format.TEXT, ZH))
                .isEqualTo("顾客您好");
        assertThat(TemplateRenderer.render(template, context("  ", Map.of()), TemplateRenderer.Format.TEXT, ZH))
                .isEqualTo("顾客您好");
        assertThat(TemplateRenderer.render(template, context("小明", Map.of()), TemplateRenderer.Format.TEXT, ZH))
                .isEqualTo("小明您好");
        assertThat(TemplateRenderer.render(
                        "{{ coupon.code }} {{customer.city}}!",
                        context("x", Map.of()),
                        TemplateRenderer.Format.TEXT,
                        ZH))
                .isEqualTo("BACK-30 !");
        assertThat(TemplateRenderer.render(
                        "{{customer.city|default:\"a \\\"quoted\\\" town\"}}",
                        context("x", Map.of()),
                        TemplateRenderer.Format.TEXT,
                        ZH))
                .isEqualTo("a \"quoted\" town");
    }

    @Test
    void customFieldsAndListsRender() {
        var context = context("小明", Map.of("vip_level", "金卡"));

        assertThat(TemplateRenderer.render(
                        "{{customer.custom.vip_level}}会员：{{recommendations}}",
                        context,
                        TemplateRenderer.Format.TEXT,
                        ZH))
                .isEqualTo("金卡会员：储奶袋、<b>奶瓶</b>");
        assertThat(TemplateRenderer.render(
                        "{{recommendations}}", context, TemplateRenderer.Format.TEXT, Locale.ENGLISH))
                .isEqualTo("储奶袋, <b>奶瓶</b>");
        assertThat(TemplateRenderer.render("{{recommendations}}", context, TemplateRenderer.Format.HTML, ZH))
                .isEqualTo("<ul><li>储奶袋</li><li>&lt;b&gt;奶瓶&lt;/b&gt;</li></ul>");
    }

    @Test
    void htmlEscapesEveryValueButNotTheTemplate() {
        String html = TemplateRenderer.render(
                "<p>{{customer.name}}</p><a href=\"{{unsubscribe_url}}\">x</a>",
                context("x", Map.of()),
                TemplateRenderer.Format.HTML,
                ZH);

        assertThat(html).isEqualTo("<p>张&lt;小明&gt;</p><a href=\"https://retain.example.com/u/x?a=1&amp;b=2\">x</a>");
    }

    @Test
    void nothingButPlaceholdersIsUnderstoodAndMalformedOnesStayAsWritten() {
        var context = context("x", Map.of());

        assertThat(TemplateRenderer.render(
                        "{{ T(java.lang.Runtime).exec('x') }} {{customer.name | upper}}",
                        context,
                        TemplateRenderer.Format.TEXT,
                        ZH))
                .isEqualTo("{{ T(java.lang.Runtime).exec('x') }} {{customer.name | upper}}");
    }

    @Test
    void unknownVariablesAreReportedOnceEach() {
        assertThat(TemplateVariables.unknown(
                        Set.of("vip_level"),
                        "{{customer.frist_name}} {{customer.custom.vip_level}} {{customer.custom.shoe_size}}",
                        "{{coupon.code}} {{customer.frist_name}} {{recommendations}} {{unsubscribe_url}} {{a | b}}"))
                .containsExactly("customer.frist_name", "customer.custom.shoe_size", "{{a | b}}");
        assertThat(TemplateVariables.unknown(Set.of(), "no placeholders", null)).isEmpty();
    }

    @Test
    void firstNamesOfChineseAndOtherNames() {
        assertThat(PersonalNames.firstName("王小明", false)).isEqualTo("小明");
        assertThat(PersonalNames.firstName("李娜", false)).isEqualTo("娜");
        assertThat(PersonalNames.firstName("欧阳娜娜", false)).isEqualTo("娜娜");
        assertThat(PersonalNames.firstName("Anna Schmidt", false)).isEqualTo("Anna");
        assertThat(PersonalNames.firstName("杭州某某贸易有限公司", true)).isEqualTo("杭州某某贸易有限公司");
        assertThat(PersonalNames.firstName(" ", false)).isNull();
    }
}

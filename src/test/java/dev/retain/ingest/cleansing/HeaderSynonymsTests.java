package dev.retain.ingest.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderSynonymsTests {

    private static final Set<String> CUSTOMER_FIELDS = Set.of(
            "customer_id",
            "name",
            "company_name",
            "contact_name",
            "phone",
            "email",
            "gender",
            "birthday",
            "city",
            "region",
            "industry",
            "owner",
            "source",
            "signed_up_at");
    private static final Set<String> ORDER_FIELDS = Set.of(
            "order_id",
            "customer_id",
            "order_date",
            "amount",
            "currency",
            "status",
            "coupon_code",
            "sku",
            "product_name",
            "category",
            "quantity",
            "unit_price",
            "original_order_id");
    private static final Set<String> EVENT_FIELDS = Set.of("customer_id", "event_type", "occurred_at");

    @ParameterizedTest
    @CsvSource({
        "客户编号, customer_id",
        "会员ID, customer_id",
        "买家会员名, customer_id",
        "客户名称, name",
        "买家昵称, name",
        "公司名称, company_name",
        "联系人, contact_name",
        "手机号码, phone",
        "联系方式, phone",
        "电子邮箱, email",
        "性别, gender",
        "出生日期, birthday",
        "所在城市, city",
        "省份, region",
        "所属行业, industry",
        "客户经理, owner",
        "客户来源, source",
        "注册时间, signed_up_at",
        "订单编号, order_id",
        "下单时间, order_date",
        "买家付款时间, order_date",
        "实付金额, amount",
        "价税合计, amount",
        "币别, currency",
        "订单状态, status",
        "优惠券码, coupon_code",
        "商家编码, sku",
        "宝贝标题, product_name",
        "类目, category",
        "购买数量, quantity",
        "单价, unit_price",
        "订单号, order_id",
        "数量, quantity",
        "商品编码, sku",
        "商品名称, product_name",
        "原订单号, original_order_id",
        "行为类型, event_type",
        "发生时间, occurred_at"
    })
    void suggestsTheFieldForChineseHeaders(String header, String key) {
        assertThat(HeaderSynonyms.suggest(header)).contains(key);
    }

    @ParameterizedTest
    @CsvSource({
        "CustomerID, customer_id",
        "Customer No., customer_id",
        "Full Name, name",
        "Organization, company_name",
        "Contact Person, contact_name",
        "Phone Number, phone",
        "E-mail, email",
        "Sex, gender",
        "DOB, birthday",
        "City, city",
        "State, region",
        "Industry, industry",
        "Sales Rep, owner",
        "Channel, source",
        "Registration Date, signed_up_at",
        "InvoiceNo, order_id",
        "InvoiceDate, order_date",
        "Grand Total, amount",
        "Currency, currency",
        "Order Status, status",
        "Discount Code, coupon_code",
        "StockCode, sku",
        "Description, product_name",
        "Product Category, category",
        "Qty, quantity",
        "UnitPrice, unit_price",
        "Invoice, order_id",
        "Price, unit_price",
        "Customer ID, customer_id",
        "Quantity, quantity",
        "Original Invoice, original_order_id",
        "Event Type, event_type",
        "Occurred At, occurred_at"
    })
    void suggestsTheFieldForEnglishHeaders(String header, String key) {
        assertThat(HeaderSynonyms.suggest(header)).contains(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "customer_id",
                "Customer-ID",
                " CUSTOMER ID ",
                "customer id (required)",
                "*客户编号",
                "客户编号【必填】",
                "客户 编号：",
                "ＣｕｓｔｏｍｅｒＩＤ",
                "[Customer ID]"
            })
    void ignoresCaseWidthSpacesPunctuationAndBracketedNotes(String header) {
        assertThat(HeaderSynonyms.suggest(header)).contains("customer_id");
    }

    @Test
    void ignoresTheUnitInBrackets() {
        assertThat(HeaderSynonyms.suggest("金额(元)")).contains("amount");
        assertThat(HeaderSynonyms.suggest("金额（元）")).contains("amount");
        assertThat(HeaderSynonyms.suggest("Amount (CNY)")).contains("amount");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "备注", "Notes", "(元)", "收货地址", "ID"})
    void suggestsNothingForHeadersItDoesNotKnow(String header) {
        assertThat(HeaderSynonyms.suggest(header)).isEmpty();
    }

    @Test
    void anAmbiguousHeaderMeansTheFirstChoiceWhenAnythingGoes() {
        assertThat(HeaderSynonyms.suggest("日期")).contains("order_date");
        assertThat(HeaderSynonyms.suggest("Date")).contains("order_date");
        assertThat(HeaderSynonyms.suggest("时间")).contains("occurred_at");
        assertThat(HeaderSynonyms.suggest("Time")).contains("occurred_at");
    }

    @ParameterizedTest
    @CsvSource({
        "时间, ORDERS, order_date",
        "时间, EVENTS, occurred_at",
        "Date, EVENTS, occurred_at",
        "日期, CUSTOMERS, signed_up_at",
        "创建时间, CUSTOMERS, signed_up_at",
        "创建时间, ORDERS, order_date",
        "Created At, EVENTS, occurred_at",
        "名称, ORDERS, product_name",
        "Name, CUSTOMERS, name"
    })
    void anAmbiguousHeaderMeansTheBestFieldOfTheKindOfFile(String header, String kind, String key) {
        Set<String> allowed = switch (kind) {
            case "CUSTOMERS" -> CUSTOMER_FIELDS;
            case "ORDERS" -> ORDER_FIELDS;
            default -> EVENT_FIELDS;
        };
        assertThat(HeaderSynonyms.suggest(header, allowed)).contains(key);
    }

    @Test
    void suggestsOnlyAllowedFields() {
        assertThat(HeaderSynonyms.suggest("手机号", ORDER_FIELDS)).isEmpty();
        assertThat(HeaderSynonyms.suggest("手机号", CUSTOMER_FIELDS)).contains("phone");
    }

    @Test
    void listsEveryFieldOnce() {
        assertThat(HeaderSynonyms.KEYS)
                .hasSize(28)
                .containsAll(CUSTOMER_FIELDS)
                .containsAll(ORDER_FIELDS)
                .containsAll(EVENT_FIELDS);
    }
}

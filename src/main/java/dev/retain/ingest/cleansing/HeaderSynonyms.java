package dev.retain.ingest.cleansing;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Suggests which field a column holds from its header, so that the exports of 淘宝/天猫, 京东, 有赞, 金蝶, 用友, Shopify
 * and home-made Excel templates map themselves. Headers are compared without case, width, spaces, punctuation, and
 * bracketed notes such as {@code (元)} or {@code 【必填】}.
 */
public final class HeaderSynonyms {

    private static final String OPENING_BRACKETS = "([{<【〔《〈「『";
    private static final String CLOSING_BRACKETS = ")]}>】〕》〉」』";

    /** A field key, then headers that mean it; a key may go on for several lines. */
    private static final String SYNONYMS = """
        customer_id: 客户编号, 客户ID, 客户编码, 客户代码, 客户号, 客户账号, 会员ID, 会员编号, 会员号, 会员卡号
        customer_id: 用户ID, 用户编号, 买家ID, 买家账号, 买家会员名, Customer ID, Customer No, Customer Number
        customer_id: Customer Code, Client ID, Buyer ID, Member ID, User ID
        name: 客户名称, 客户姓名, 客户, 姓名, 会员名称, 会员姓名, 买家昵称, 买家姓名, 昵称, 粉丝昵称, 收货人
        name: 收货人姓名, Customer Name, Customer, Full Name, Buyer Name, Member Name
        company_name: 公司名称, 公司, 公司全称, 企业名称, 企业, 单位名称, 工作单位, 所属公司, 客户公司, Company
        company_name: Company Name, Organization, Organisation, Business Name, Account Name
        contact_name: 联系人, 联系人姓名, 联系人名称, 对接人, Contact, Contact Name, Contact Person
        phone: 手机号, 手机, 手机号码, 电话, 联系电话, 联系方式, 电话号码, 移动电话, 联系手机, 买家手机号
        phone: 收货人手机号, 收货人手机, 收货人电话, 会员手机号, 客户手机号, 客户电话, Mobile, Mobile Phone
        phone: Mobile Number, Phone, Phone Number, Tel, Telephone, Cell, Cellphone
        email: 邮箱, 电子邮箱, 电子邮件, 邮件, 邮箱地址, 电子邮件地址, Email, E-mail, Mail, Email Address
        gender: 性别, Gender, Sex
        birthday: 生日, 出生日期, 出生年月日, 出生年月, Birthday, Date of Birth, Birth Date, Birthdate, DOB
        city: 城市, 所在城市, 市, 收货城市, City, Town, Billing City
        region: 地区, 区域, 省份, 省, 大区, 所在地区, 所在省份, 收货省份, Region, Province, State, Area
        region: Billing Province
        industry: 行业, 所属行业, 行业类别, 行业分类, Industry, Sector
        owner: 负责人, 销售负责人, 客户经理, 业务员, 归属销售, 所属销售, 销售员, 跟进人, 客户负责人, 归属人, Owner
        owner: Account Owner, Sales Rep, Salesperson, Account Manager
        source: 来源, 客户来源, 渠道, 来源渠道, 获客渠道, 渠道来源, Source, Channel, Lead Source
        source: Acquisition Channel
        signed_up_at: 注册时间, 注册日期, 开户日期, 开户时间, 入会时间, 入会日期, 加入时间, 加入日期, 成为会员时间
        signed_up_at: Signup Date, Sign-up Date, Signed Up At, Registration Date, Registered At, Join Date, Joined
        signed_up_at: Member Since, Customer Since
        order_id: 订单号, 订单编号, 单号, 订单ID, 单据编号, 单据号, 交易号, 交易单号, 交易编号, 外部订单号, Order ID
        order_id: Order No, Order Number, Invoice, InvoiceNo, Invoice No, Invoice Number, Transaction ID
        original_order_id: 原订单号, 原单号, 原订单编号, 原销售单号, 退货原单号, 关联订单号, Original Order ID
        original_order_id: Original Order, Original Order No, Original Invoice, Original InvoiceNo, Original Invoice No
        original_order_id: Returned Order, Return For, Credited Invoice
        order_date: 下单时间, 下单日期, 订单时间, 订单日期, 成交时间, 成交日期, 付款时间, 付款日期, 支付时间
        order_date: 支付日期, 单据日期, 交易时间, 交易日期, 订单创建时间, 订单付款时间, 买家付款时间, 销售日期
        order_date: Order Date, Order Time, InvoiceDate, Invoice Date, Purchase Date, Paid At, Transaction Date
        amount: 金额, 订单金额, 实付金额, 实付款, 支付金额, 成交金额, 应付金额, 总金额, 合计, 合计金额, 价税合计
        amount: 订单实付金额, 买家实际支付金额, 实收金额, 销售额, 销售金额, 消费金额, 交易金额, 付款金额, 含税金额
        amount: 订单总额, 总价, Amount, Total, Order Total, Grand Total, Revenue, Sales, Total Amount, Order Amount
        amount: Payment Amount, Paid Amount, Total Price
        currency: 币种, 货币, 币别, 结算币种, 货币类型, Currency, Currency Code
        status: 订单状态, 状态, 交易状态, Status, Order Status, Financial Status
        coupon_code: 优惠券, 优惠券码, 券码, 优惠码, 折扣码, 优惠券编码, Coupon, Coupon Code, Discount Code
        coupon_code: Promo Code, Promotion Code, Voucher, Voucher Code
        sku: 商品编码, SKU, 货号, 商品编号, 商家编码, 物料编码, 存货编码, 规格编码, 产品编码, 产品编号, 商品ID
        sku: SKU编码, Product Code, StockCode, Item Code, Product ID, SKU Code, Lineitem SKU
        product_name: 商品名称, 商品, 产品名称, 产品, 品名, 物料名称, 存货名称, 货品名称, 宝贝标题, 商品标题
        product_name: Product, Product Name, Product Title, Item, Item Name, Description, Lineitem Name
        category: 品类, 类目, 商品分类, 分类, 商品类目, 商品类别, 产品类别, 产品分类, 类别, Category
        category: Product Category, Product Type
        quantity: 数量, 购买数量, 商品数量, 订购数量, 宝贝总数量, 销售数量, 件数, Quantity, Qty, Lineitem Quantity
        quantity: Units
        unit_price: 单价, 商品单价, 含税单价, 销售单价, 价格, 售价, 商品价格, Unit Price, UnitPrice, Price
        unit_price: Item Price, Lineitem Price
        event_type: 事件, 事件类型, 事件名称, 行为, 行为类型, 操作, 动作, Event, Event Type, Event Name, Action
        event_type: Activity
        occurred_at: 发生时间, 事件时间, 行为时间, 操作时间, 触发时间, Occurred At, Event Time, Event Date
        """;

    /** Headers that name a different field in customer, order and event files, then those fields, best first. */
    private static final String AMBIGUOUS = """
        日期: order_date, occurred_at, signed_up_at
        Date: order_date, occurred_at, signed_up_at
        Created: order_date, signed_up_at, occurred_at
        时间: occurred_at, order_date, signed_up_at
        Time: occurred_at, order_date, signed_up_at
        Timestamp: occurred_at, order_date, signed_up_at
        创建时间: signed_up_at, order_date, occurred_at
        创建日期: signed_up_at, order_date, occurred_at
        Created At: signed_up_at, order_date, occurred_at
        名称: name, company_name, product_name
        Name: name, company_name, product_name
        """;

    private static final Set<String> keys = new LinkedHashSet<>();
    /** Normalised header to the keys it may mean, best first; most headers mean exactly one. */
    private static final Map<String, List<String>> meaningsByHeader = new HashMap<>();

    static {
        SYNONYMS.lines().forEach(line -> {
            String key = line.substring(0, line.indexOf(':'));
            keys.add(key);
            for (String header : items(line)) {
                put(header, List.of(key));
            }
        });
        AMBIGUOUS.lines().forEach(line -> {
            List<String> meanings = items(line);
            if (!keys.containsAll(meanings)) {
                throw new IllegalStateException("Unknown key in '" + line + "'");
            }
            put(line.substring(0, line.indexOf(':')), meanings);
        });
    }

    /** Every key a suggestion can return, in the order a mapping screen lists them. */
    public static final Set<String> KEYS = Collections.unmodifiableSet(keys);

    private HeaderSynonyms() {}

    public static Optional<String> suggest(String header) {
        return candidates(header).stream().findFirst();
    }

    /** The best key among {@code allowedKeys}, the fields of the kind of file being imported. */
    public static Optional<String> suggest(String header, Set<String> allowedKeys) {
        return candidates(header).stream().filter(allowedKeys::contains).findFirst();
    }

    private static List<String> candidates(String header) {
        return header == null ? List.of() : meaningsByHeader.getOrDefault(normalise(header), List.of());
    }

    /** Lower-case letters and digits outside brackets; a header that is all brackets keeps what is inside them. */
    private static String normalise(String header) {
        String text = FullWidth.toHalfWidth(header).toLowerCase(Locale.ROOT);
        String outside = lettersAndDigits(text, true);
        return outside.isEmpty() ? lettersAndDigits(text, false) : outside;
    }

    private static String lettersAndDigits(String text, boolean skipBracketed) {
        var result = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (skipBracketed && OPENING_BRACKETS.indexOf(c) >= 0) {
                depth++;
            } else if (skipBracketed && CLOSING_BRACKETS.indexOf(c) >= 0) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && Character.isLetterOrDigit(c)) {
                result.appendCodePoint(c);
            }
        }
        return result.toString();
    }

    /** What follows the colon, split at the commas. */
    private static List<String> items(String line) {
        return Arrays.stream(line.substring(line.indexOf(':') + 1).split(","))
                .map(String::strip)
                .toList();
    }

    /** Fails at class loading when two entries of the table claim one header. */
    private static void put(String header, List<String> meanings) {
        List<String> earlier = meaningsByHeader.putIfAbsent(normalise(header), meanings);
        if (earlier != null && !earlier.equals(meanings)) {
            throw new IllegalStateException("'" + header + "' means both " + earlier + " and " + meanings);
        }
    }
}

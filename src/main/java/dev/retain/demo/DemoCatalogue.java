package dev.retain.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fixed product catalogue: eight categories of believable products, each with a popularity weight, and a few
 * products that are usually bought together (the breast pump and its milk storage bags above all).
 */
final class DemoCatalogue {

    private record Item(String name, String price, double popularity) {}

    private final List<DemoProduct> products = new ArrayList<>();
    private final Map<String, WeightedChoice<DemoProduct>> byCategory = new LinkedHashMap<>();
    private final Map<String, DemoProduct> companions = new LinkedHashMap<>();

    DemoCatalogue() {
        category(
                "母婴",
                "MB",
                new Item("电动吸奶器", "399.00", 2),
                new Item("手动吸奶器", "129.00", 1),
                new Item("储奶袋 (30片)", "39.90", 4),
                new Item("婴儿湿巾 (80抽×6包)", "49.90", 4),
                new Item("纸尿裤 L码 (54片)", "119.00", 4),
                new Item("婴儿奶粉 3段 800g", "268.00", 3),
                new Item("宽口径玻璃奶瓶 240ml", "89.00", 1.5),
                new Item("婴儿洗发沐浴露", "59.00", 1.5),
                new Item("防溢乳垫 (100片)", "45.00", 2),
                new Item("婴儿连体衣 (3件装)", "99.00", 1),
                new Item("安抚奶嘴 (2只装)", "35.00", 1));
        category(
                "美妆个护",
                "MZ",
                new Item("保湿面霜 50g", "168.00", 3),
                new Item("氨基酸洗面奶", "89.00", 3),
                new Item("玻尿酸精华液 30ml", "229.00", 2),
                new Item("防晒霜 SPF50 50ml", "139.00", 2),
                new Item("哑光口红", "199.00", 1.5),
                new Item("补水面膜 (10片)", "99.00", 3),
                new Item("电动牙刷", "299.00", 1),
                new Item("洗发水 750ml", "69.00", 2.5),
                new Item("身体乳 400ml", "79.00", 1.5),
                new Item("卸妆水 500ml", "119.00", 1.5));
        category(
                "食品饮料",
                "SP",
                new Item("每日坚果 (30袋)", "129.00", 3),
                new Item("有机纯牛奶 (12盒)", "79.00", 4),
                new Item("挂耳咖啡 (50包)", "99.00", 2.5),
                new Item("西湖龙井 250g", "298.00", 1),
                new Item("五常大米 5kg", "89.00", 2.5),
                new Item("特级初榨橄榄油 1L", "119.00", 1.5),
                new Item("矿泉水 550ml×24", "36.00", 3),
                new Item("苏打饼干 1kg", "39.90", 2),
                new Item("即食燕麦片 1kg", "45.00", 2),
                new Item("百花蜂蜜 500g", "68.00", 1));
        category(
                "家居日用",
                "JJ",
                new Item("抽纸 (24包)", "59.90", 4),
                new Item("洗衣凝珠 (52颗)", "69.00", 3),
                new Item("不粘炒锅 28cm", "199.00", 1),
                new Item("纯棉四件套 1.8m", "399.00", 1),
                new Item("收纳箱 (3个装)", "89.00", 1.5),
                new Item("乳胶枕", "259.00", 1),
                new Item("旋转拖把套装", "129.00", 1),
                new Item("保温杯 500ml", "129.00", 1.5),
                new Item("垃圾袋 (150只)", "29.90", 3),
                new Item("香薰蜡烛", "79.00", 1));
        category(
                "数码电器",
                "SM",
                new Item("蓝牙耳机", "299.00", 3),
                new Item("无线充电器", "129.00", 2),
                new Item("充电宝 20000mAh", "149.00", 2.5),
                new Item("智能手环", "249.00", 1.5),
                new Item("机械键盘", "399.00", 1),
                new Item("无线鼠标", "99.00", 2),
                new Item("空气炸锅", "399.00", 1.5),
                new Item("扫地机器人", "1999.00", 0.5),
                new Item("电热水壶 1.7L", "129.00", 1.5),
                new Item("降噪头戴耳机", "1299.00", 0.5));
        category(
                "服饰鞋包",
                "FS",
                new Item("纯棉T恤", "79.00", 3),
                new Item("直筒牛仔裤", "199.00", 2),
                new Item("跑步运动鞋", "459.00", 1.5),
                new Item("轻薄羽绒服", "699.00", 1),
                new Item("双肩背包", "229.00", 1.5),
                new Item("真丝围巾", "259.00", 1),
                new Item("棒球帽", "69.00", 1.5),
                new Item("运动袜 (5双)", "39.90", 3),
                new Item("帆布鞋", "159.00", 1.5),
                new Item("真皮钱包", "299.00", 1));
        category(
                "办公用品",
                "BG",
                new Item("A4复印纸 (5包)", "129.00", 4),
                new Item("中性笔 (12支)", "24.00", 3),
                new Item("文件夹 (10个)", "29.90", 2),
                new Item("订书机", "35.00", 1),
                new Item("便利贴 (10本)", "19.90", 2),
                new Item("白板笔 (10支)", "29.00", 1.5),
                new Item("激光打印机硒鼓", "289.00", 2),
                new Item("人体工学办公椅", "699.00", 0.5),
                new Item("桌面计算器", "59.00", 1),
                new Item("档案盒 (10个)", "49.00", 1.5));
        category(
                "工业配件",
                "GY",
                new Item("不锈钢轴承 6204", "18.50", 4),
                new Item("深沟球轴承 6305", "26.00", 3),
                new Item("六角螺栓 M8×30 (100只)", "45.00", 3),
                new Item("不锈钢螺母 M8 (100只)", "28.00", 2.5),
                new Item("O型密封圈套装", "65.00", 2),
                new Item("液压油管 1米", "89.00", 1.5),
                new Item("三相异步电机 2.2kW", "1380.00", 0.5),
                new Item("气动快插接头 (10个)", "36.00", 2),
                new Item("劳保手套 (12双)", "39.00", 3),
                new Item("A型三角皮带", "42.00", 1.5));
        pair("电动吸奶器", "储奶袋 (30片)");
        pair("手动吸奶器", "储奶袋 (30片)");
        pair("激光打印机硒鼓", "A4复印纸 (5包)");
        pair("六角螺栓 M8×30 (100只)", "不锈钢螺母 M8 (100只)");
        pair("宽口径玻璃奶瓶 240ml", "安抚奶嘴 (2只装)");
    }

    List<DemoProduct> products() {
        return Collections.unmodifiableList(products);
    }

    DemoProduct pick(String category, SplittableRandom random) {
        return byCategory.get(category).pick(random);
    }

    /** The product usually bought along with {@code product}, or null. */
    DemoProduct companionOf(DemoProduct product) {
        return companions.get(product.sku());
    }

    private void category(String name, String code, Item... items) {
        WeightedChoice.Builder<DemoProduct> choice = WeightedChoice.builder();
        for (int i = 0; i < items.length; i++) {
            DemoProduct product =
                    new DemoProduct(code + "-" + (1001 + i), items[i].name(), name, new BigDecimal(items[i].price()));
            products.add(product);
            choice.add(product, items[i].popularity());
        }
        byCategory.put(name, choice.build());
    }

    private void pair(String productName, String companionName) {
        companions.put(named(productName).sku(), named(companionName));
    }

    private DemoProduct named(String productName) {
        return products.stream()
                .filter(product -> product.name().equals(productName))
                .findFirst()
                .orElseThrow();
    }
}

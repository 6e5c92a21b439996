package dev.retain.demo;

import static dev.retain.demo.Distributions.any;
import static dev.retain.demo.Distributions.chance;

import dev.retain.demo.NamePool.Han;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Company names: mostly Chinese ("上海恒达机械设备有限公司"), some English ("Northwind Trading Co., Ltd."). */
final class CompanyNames {

    /** A company's name and the ASCII stem its web domain is built from. */
    record CompanyName(String name, String domainStem) {}

    private static final WeightedChoice<String> INDUSTRY_CHOICE = WeightedChoice.<String>builder()
            .add("制造", 20)
            .add("零售", 18)
            .add("批发", 15)
            .add("餐饮", 14)
            .add("医疗", 8)
            .add("教育", 8)
            .add("物流", 8)
            .add("科技", 9)
            .build();

    private static final List<Han> BRANDS = NamePool.parse("恒达hengda 佳美jiamei 华信huaxin 鼎盛dingsheng 瑞丰ruifeng"
            + " 宏发hongfa 金辉jinhui 天成tiancheng 永泰yongtai 中汇zhonghui 海纳haina 博远boyuan 德润derun 嘉和jiahe"
            + " 盛世shengshi 汇通huitong 康宁kangning 正信zhengxin 远航yuanhang 精工jinggong 卓越zhuoyue 聚源juyuan"
            + " 同创tongchuang 优品youpin 新锐xinrui 东方dongfang 隆盛longsheng 福瑞furui 安泰antai 立新lixin 华美huamei"
            + " 天润tianrun 宏图hongtu 锦程jincheng 蓝海lanhai 凯旋kaixuan 百川baichuan 鑫源xinyuan");

    private static final Map<String, List<String>> CHINESE_TRADES = Map.of(
            "制造", List.of("机械设备", "精密制造", "五金制品", "塑胶制品", "自动化设备"),
            "零售", List.of("商贸", "百货", "便利店连锁", "母婴用品"),
            "批发", List.of("贸易", "供应链管理", "食品批发", "进出口贸易"),
            "餐饮", List.of("餐饮管理", "餐饮连锁", "食品"),
            "医疗", List.of("医疗器械", "医药连锁", "健康科技"),
            "教育", List.of("教育科技", "文化传播", "教育咨询"),
            "物流", List.of("物流", "供应链", "国际货运代理", "仓储服务"),
            "科技", List.of("电子科技", "信息技术", "网络科技", "软件开发"));

    private static final List<String> ENGLISH_BRANDS =
            List.of(("Northwind, Acme, Bluewave, Evergreen, Summit, Pioneer, Golden Bridge, Silverline, Harbor,"
                            + " Redwood, Apex, Orient Star, Pacific Rim, Lotus, Crescent, Sunrise, Riverside, Keystone,"
                            + " Brightpath, Maple Leaf")
                    .split(", "));

    private static final Map<String, List<String>> ENGLISH_TRADES = Map.of(
            "制造", List.of("Manufacturing", "Industries", "Machinery"),
            "零售", List.of("Retail", "Stores"),
            "批发", List.of("Trading", "Supplies", "Wholesale"),
            "餐饮", List.of("Foods", "Catering"),
            "医疗", List.of("Medical", "Healthcare"),
            "教育", List.of("Education", "Learning"),
            "物流", List.of("Logistics", "Freight"),
            "科技", List.of("Technologies", "Systems", "Electronics"));

    private static final WeightedChoice<String> CHINESE_SUFFIX = WeightedChoice.<String>builder()
            .add("有限公司", 70)
            .add("股份有限公司", 15)
            .add("有限责任公司", 15)
            .build();

    private static final List<String> ENGLISH_SUFFIXES = List.of("Co., Ltd.", "Inc.", "Ltd.", "Limited", "Co.");

    private CompanyNames() {}

    static String industry(SplittableRandom random) {
        return INDUSTRY_CHOICE.pick(random);
    }

    static CompanyName chinese(SplittableRandom random, String city, String industry) {
        Han brand = any(random, BRANDS);
        String place = chance(random, 0.5) ? city + "市" : city;
        String name = place + brand.text() + any(random, CHINESE_TRADES.get(industry)) + CHINESE_SUFFIX.pick(random);
        return new CompanyName(name, brand.latin());
    }

    static CompanyName english(SplittableRandom random, String industry) {
        String brand = any(random, ENGLISH_BRANDS);
        String name = brand + " " + any(random, ENGLISH_TRADES.get(industry)) + " " + any(random, ENGLISH_SUFFIXES);
        return new CompanyName(name, brand.replace(" ", "").toLowerCase(Locale.ROOT));
    }
}

package dev.retain.demo;

import static dev.retain.demo.Distributions.any;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Which product categories people and companies buy from; a company's favourite follows its industry. */
final class CategoryTastes {

    private static final WeightedChoice<String> PERSON = WeightedChoice.<String>builder()
            .add("母婴", 14)
            .add("美妆个护", 18)
            .add("食品饮料", 20)
            .add("家居日用", 18)
            .add("数码电器", 12)
            .add("服饰鞋包", 15)
            .add("办公用品", 3)
            .build();
    private static final WeightedChoice<String> COMPANY = WeightedChoice.<String>builder()
            .add("办公用品", 30)
            .add("工业配件", 20)
            .add("食品饮料", 15)
            .add("家居日用", 15)
            .add("数码电器", 15)
            .add("母婴", 2)
            .add("美妆个护", 2)
            .add("服饰鞋包", 3)
            .build();
    private static final Map<String, List<String>> INDUSTRY_FAVOURITES = Map.of(
            "制造", List.of("工业配件", "工业配件", "办公用品"),
            "零售", List.of("母婴", "美妆个护", "食品饮料", "家居日用", "服饰鞋包"),
            "批发", List.of("食品饮料", "家居日用"),
            "餐饮", List.of("食品饮料", "食品饮料", "家居日用"),
            "医疗", List.of("母婴", "家居日用", "办公用品"),
            "教育", List.of("办公用品", "办公用品", "数码电器"),
            "物流", List.of("办公用品", "工业配件"),
            "科技", List.of("数码电器", "数码电器", "办公用品"));

    private CategoryTastes() {}

    static String personFavourite(SplittableRandom random) {
        return PERSON.pick(random);
    }

    static String companyFavourite(String industry, SplittableRandom random) {
        return any(random, INDUSTRY_FAVOURITES.get(industry));
    }

    /** Any category such a buyer might also pick from. */
    static String anyFor(boolean company, SplittableRandom random) {
        return (company ? COMPANY : PERSON).pick(random);
    }
}

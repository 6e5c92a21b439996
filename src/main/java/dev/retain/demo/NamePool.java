package dev.retain.demo;

import static dev.retain.demo.Distributions.any;
import static dev.retain.demo.Distributions.chance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Person names, Chinese (with pinyin, for email addresses) or English. */
final class NamePool {

    /** A person's name; {@code givenLatin} and {@code familyLatin} are lower-case ASCII. */
    record PersonName(String fullName, String givenLatin, String familyLatin, boolean chinese) {}

    /** Chinese characters with their pinyin, without tones. */
    record Han(String text, String latin) {}

    // Ordered by frequency: picked with weight 1 / (rank + 4), roughly the real spread.
    private static final List<Han> SURNAMES = parse("王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou"
            + " 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 林lin 高gao 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han"
            + " 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye"
            + " 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan"
            + " 金jin 石shi 廖liao 贾jia 夏xia 韦wei 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue"
            + " 段duan 雷lei 侯hou 龙long 史shi 陶tao 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan 欧阳ouyang");
    private static final List<Han> FEMALE = parse("芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 霞xia 秀xiu 玲ling 燕yan 婷ting"
            + " 雪xue 慧hui 琳lin 颖ying 晶jing 欣xin 怡yi 佳jia 梦meng 雨yu 悦yue 诗shi 涵han 萱xuan 倩qian 瑶yao 月yue"
            + " 莉li 红hong 梅mei 兰lan 洁jie 琴qin 云yun 璐lu 丹dan 薇wei 蕾lei 馨xin 然ran");
    private static final List<Han> MALE = parse("伟wei 强qiang 磊lei 军jun 勇yong 杰jie 涛tao 明ming 超chao 辉hui 华hua"
            + " 鹏peng 飞fei 刚gang 平ping 斌bin 波bo 宇yu 浩hao 俊jun 凯kai 博bo 文wen 健jian 建jian 国guo 峰feng 龙long"
            + " 阳yang 鑫xin 帅shuai 志zhi 宁ning 晨chen 亮liang 毅yi 东dong 海hai 林lin 成cheng 轩xuan 睿rui 泽ze 铭ming");
    private static final List<Han> NEUTRAL =
            parse("子zi 一yi 嘉jia 天tian 安an 家jia 晓xiao 思si 梓zi 若ruo 春chun 玉yu 秋qiu 永yong 少shao 小xiao 新xin 佳jia 雨yu 文wen");

    private static final List<String> ENGLISH_FEMALE =
            words("Emily Olivia Sophia Emma Grace Chloe Hannah Lily Amelia Jessica Sarah Laura Rachel Anna Lucy"
                    + " Megan Natalie Zoe Claire Alice Vivian Cindy");
    private static final List<String> ENGLISH_MALE =
            words("James John Michael David Daniel William Thomas Matthew Andrew Ryan Jack Oliver Henry Lucas"
                    + " Ethan Benjamin Samuel Nathan Adam Peter Kevin Eric");
    private static final List<String> ENGLISH_SURNAMES =
            words("Carter Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Moore"
                    + " Martin Jackson White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams"
                    + " Nelson Hill Campbell Mitchell Roberts Turner Phillips Parker Evans Edwards Collins Stewart"
                    + " Morris Murphy Cook Rogers Bennett");

    private static final WeightedChoice<Han> SURNAME_CHOICE = frequencyRanked(SURNAMES);

    private NamePool() {}

    static PersonName chinese(SplittableRandom random, boolean female) {
        Han surname = SURNAME_CHOICE.pick(random);
        List<Han> pool = female ? FEMALE : MALE;
        Han last = any(random, pool);
        if (chance(random, 0.3)) {
            return new PersonName(surname.text() + last.text(), last.latin(), surname.latin(), true);
        }
        // Two-character given names: a neutral or gendered first character; sometimes doubled, as in 婷婷.
        Han first = chance(random, 0.05) ? last : any(random, chance(random, 0.5) ? NEUTRAL : pool);
        return new PersonName(
                surname.text() + first.text() + last.text(), first.latin() + last.latin(), surname.latin(), true);
    }

    /** English names; a few are Chinese people's English names, like "Kevin Zhang". */
    static PersonName english(SplittableRandom random, boolean female) {
        String given = any(random, female ? ENGLISH_FEMALE : ENGLISH_MALE);
        String family =
                chance(random, 0.15) ? capitalize(SURNAME_CHOICE.pick(random).latin()) : any(random, ENGLISH_SURNAMES);
        return new PersonName(
                given + " " + family, given.toLowerCase(Locale.ROOT), family.toLowerCase(Locale.ROOT), false);
    }

    private static List<String> words(String text) {
        return List.of(text.split(" "));
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static WeightedChoice<Han> frequencyRanked(List<Han> ranked) {
        WeightedChoice.Builder<Han> builder = WeightedChoice.builder();
        for (int rank = 0; rank < ranked.size(); rank++) {
            builder.add(ranked.get(rank), 1.0 / (rank + 4));
        }
        return builder.build();
    }

    /** Parses "王wang 李li": each token is Chinese characters followed by their pinyin. */
    static List<Han> parse(String tokens) {
        List<Han> result = new ArrayList<>();
        for (String token : tokens.trim().split(" +")) {
            int split = 0;
            while (token.charAt(split) > 0x7f) {
                split++;
            }
            result.add(new Han(token.substring(0, split), token.substring(split)));
        }
        return List.copyOf(result);
    }
}

package dev.retain.ingest.cleansing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A matching key for company names, so that {@code 上海恒达机械设备有限公司} and {@code 上海恒达机械设备（有限公司）}, or
 * {@code Northwind Trading Co., Ltd.} and {@code NORTHWIND TRADING COMPANY LIMITED}, are found to be one customer.
 * Only the legal form is dropped: a city in front ({@code 上海}), {@code 集团} and {@code 分公司} still tell companies
 * apart.
 */
public final class CompanyNames {

    /** Checked against the end of the last word, longest first, since Chinese names are written without spaces. */
    private static final List<String> CHINESE_FORMS = List.of("股份有限公司", "有限责任公司", "有限公司");

    /** Whole words only, so that the {@code inc} in {@code Zinc} stays. */
    private static final List<List<String>> LATIN_FORMS = List.of(
            List.of("company", "limited"),
            List.of("co", "limited"),
            List.of("co", "ltd"),
            List.of("pte", "ltd"),
            List.of("pty", "ltd"),
            List.of("limited"),
            List.of("ltd"),
            List.of("incorporated"),
            List.of("inc"),
            List.of("llc"),
            List.of("corporation"),
            List.of("corp"),
            List.of("gmbh"),
            List.of("plc"));

    private CompanyNames() {}

    /**
     * Full-width to half-width, lower case, without spaces or punctuation, and without legal forms at the end.
     *
     * @throws CellProblem when nothing but a legal form is left
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw CellProblem.empty();
        }
        List<String> words = words(FullWidth.toHalfWidth(raw).toLowerCase(Locale.ROOT));
        dropLegalForms(words);
        String key = String.join("", words);
        if (key.isEmpty()) {
            throw new CellProblem(raw, "has no company name");
        }
        return key;
    }

    /**
     * Runs of letters and digits; everything else (spaces, brackets, dots, commas, &) separates them. Chinese is written
     * without spaces, so a space between two Chinese characters ({@code 有限 公司}) separates nothing.
     */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        var word = new StringBuilder();
        for (int i = 0; i <= name.length(); ) {
            int c = i < name.length() ? name.codePointAt(i) : ' ';
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                int last = words.size() - 1;
                if (last >= 0 && endsIdeographic(words.get(last)) && Character.isIdeographic(word.codePointAt(0))) {
                    words.set(last, words.get(last) + word);
                } else {
                    words.add(word.toString());
                }
                word.setLength(0);
            }
        }
        return words;
    }

    private static boolean endsIdeographic(String word) {
        return Character.isIdeographic(word.codePointBefore(word.length()));
    }

    /** One at a time from the end, as a name can carry more than one: {@code 恒达有限公司 Co., Ltd.} */
    private static void dropLegalForms(List<String> words) {
        boolean dropped = true;
        while (dropped) {
            dropped = dropLatinForm(words) || dropChineseForm(words);
        }
    }

    private static boolean dropLatinForm(List<String> words) {
        for (List<String> form : LATIN_FORMS) {
            int from = words.size() - form.size();
            if (from >= 0 && words.subList(from, words.size()).equals(form)) {
                words.subList(from, words.size()).clear();
                return true;
            }
        }
        return false;
    }

    private static boolean dropChineseForm(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        int last = words.size() - 1;
        String word = words.get(last);
        for (String form : CHINESE_FORMS) {
            if (word.endsWith(form)) {
                String rest = word.substring(0, word.length() - form.length());
                if (rest.isEmpty()) {
                    words.remove(last);
                } else {
                    words.set(last, rest);
                }
                return true;
            }
        }
        return false;
    }
}

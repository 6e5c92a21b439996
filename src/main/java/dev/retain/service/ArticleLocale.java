package dev.retain.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages articles are written in, by their language tag ({@code zh-CN}, {@code en}). */
public enum ArticleLocale {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    ArticleLocale(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** By its tag, in any case ({@code zh-cn}, {@code EN}). */
    public static Optional<ArticleLocale> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String wanted = tag.strip().replace('_', '-');
        return Arrays.stream(values())
                .filter(locale ->
                        locale.tag.equalsIgnoreCase(wanted) || locale.name().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** The articles' language closest to a person's: Chinese for any Chinese, English otherwise; null for null. */
    public static ArticleLocale closestTo(Locale locale) {
        if (locale == null) {
            return null;
        }
        return "zh".equals(locale.getLanguage()) ? ZH_CN : EN;
    }
}

package dev.retain.service;

import java.util.Locale;

/** A category of tickets (物流, 质量, …) with its name in both languages; inactive ones are kept for old tickets. */
public record TicketCategory(long id, String nameZh, String nameEn, int position, boolean active) {

    /** The name in the reader's language: Chinese for Chinese readers, English for everyone else. */
    public String name(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}

package dev.retain.messaging;

import java.util.List;

/**
 * How a message addresses a person by first name. Chinese names are read as surname then given name: the surname is
 * one character, or two for the common compound surnames (欧阳, 司马, …), and the rest is the given name — an
 * approximation that is right for the vast majority of names. Other names take their first word. Companies are
 * addressed by their full name.
 */
final class PersonalNames {

    private static final List<String> COMPOUND_SURNAMES = List.of(
            "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫",
            "西门", "百里");

    private PersonalNames() {}

    static String firstName(String name, boolean company) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.strip();
        if (company) {
            return trimmed;
        }
        if (isChinese(trimmed)) {
            int surname = COMPOUND_SURNAMES.stream().anyMatch(trimmed::startsWith) ? 2 : 1;
            return trimmed.length() > surname ? trimmed.substring(surname) : trimmed;
        }
        return trimmed.split("\\s+")[0];
    }

    private static boolean isChinese(String name) {
        return name.codePoints()
                .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || c == '·');
    }
}

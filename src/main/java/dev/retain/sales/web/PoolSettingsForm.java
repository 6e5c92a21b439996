package dev.retain.sales.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.sales.Pool;
import dev.retain.sales.Pool.LevelDays;
import dev.retain.sales.Pool.Member;
import dev.retain.sales.PoolHiddenField;
import dev.retain.sales.Pools.PoolSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pool settings form: what was typed, kept as typed so a mistake is shown next to it, and read into settings.
 * Days per level are one line each, {@code level follow-up-days order-days}, a dash for the pool's own.
 */
final class PoolSettingsForm {

    private PoolSettingsForm() {}

    record Fields(
            String name,
            String followUpDays,
            String orderDays,
            String wonDays,
            boolean keepWithOpenOpportunity,
            Long calendarId,
            String levelField,
            String contractField,
            String remindDays,
            String dailyClaimQuota,
            String maxOwned,
            String reclaimCooldownDays,
            String claimDelayHours,
            List<PoolHiddenField> hiddenFields,
            String levels,
            List<Long> memberUserIds,
            List<Long> memberTeamIds,
            List<Long> adminUserIds) {

        static Fields empty() {
            return new Fields(
                    "", "30", "", "", true, null, "", "", "3", "20", "500", "7", "0", List.of(), "", List.of(),
                    List.of(), List.of());
        }

        static Fields of(Pool pool) {
            return new Fields(
                    pool.name(),
                    text(pool.followUpDays()),
                    text(pool.orderDays()),
                    text(pool.wonDays()),
                    pool.keepWithOpenOpportunity(),
                    pool.calendarId(),
                    pool.levelField(),
                    pool.contractField(),
                    text(pool.remindDays()),
                    text(pool.dailyClaimQuota()),
                    text(pool.maxOwned()),
                    text(pool.reclaimCooldownDays()),
                    text(pool.claimDelayHours()),
                    List.copyOf(pool.hiddenFields()),
                    pool.levels().entrySet().stream()
                            .map(level ->
                                    level.getKey() + " " + dash(level.getValue().followUpDays()) + " "
                                            + dash(level.getValue().orderDays()))
                            .collect(Collectors.joining("\n")),
                    pool.members().stream()
                            .filter(m -> m.userId() != null && !m.admin())
                            .map(Member::userId)
                            .toList(),
                    pool.members().stream()
                            .filter(m -> m.teamId() != null)
                            .map(Member::teamId)
                            .toList(),
                    pool.members().stream()
                            .filter(m -> m.userId() != null && m.admin())
                            .map(Member::userId)
                            .toList());
        }

        public boolean hides(PoolHiddenField field) {
            return hiddenFields != null && hiddenFields.contains(field);
        }
    }

    /** @throws InvalidInputException a number that is not one, a level line that does not read */
    static PoolSettings settings(Fields f) {
        var errors = new LinkedHashMap<String, String>();
        var levels = new LinkedHashMap<String, LevelDays>();
        if (f.levels() != null) {
            for (String line : f.levels().strip().split("\\R")) {
                String[] parts = line.strip().split("\\s+");
                if (line.isBlank()) {
                    continue;
                }
                if (parts.length != 3) {
                    errors.put("levels", "each line is a level, follow-up days and order days, e.g. \"A 15 -\"");
                    break;
                }
                levels.put(parts[0], new LevelDays(dashed(errors, parts[1]), dashed(errors, parts[2])));
            }
        }
        var members = new ArrayList<Member>();
        Set<Long> admins = Set.copyOf(orEmpty(f.adminUserIds()));
        orEmpty(f.memberUserIds()).stream()
                .filter(user -> !admins.contains(user))
                .forEach(user -> members.add(new Member(user, null, false)));
        admins.forEach(user -> members.add(new Member(user, null, true)));
        orEmpty(f.memberTeamIds()).forEach(team -> members.add(new Member(null, team, false)));
        var settings = new PoolSettings(
                f.name(),
                number(errors, "followUpDays", f.followUpDays()),
                number(errors, "orderDays", f.orderDays()),
                number(errors, "wonDays", f.wonDays()),
                f.keepWithOpenOpportunity(),
                f.calendarId(),
                f.levelField(),
                f.contractField(),
                number(errors, "remindDays", f.remindDays()),
                number(errors, "dailyClaimQuota", f.dailyClaimQuota()),
                number(errors, "maxOwned", f.maxOwned()),
                number(errors, "reclaimCooldownDays", f.reclaimCooldownDays()),
                number(errors, "claimDelayHours", f.claimDelayHours()),
                f.hiddenFields() == null || f.hiddenFields().isEmpty()
                        ? EnumSet.noneOf(PoolHiddenField.class)
                        : EnumSet.copyOf(f.hiddenFields()),
                levels,
                members);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return settings;
    }

    private static Integer number(Map<String, String> errors, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "\"" + text.strip() + "\" is not a whole number");
            return null;
        }
    }

    private static Integer dashed(Map<String, String> errors, String text) {
        return text.equals("-") ? null : number(errors, "levels", text);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String dash(Integer value) {
        return value == null ? "-" : value.toString();
    }
}

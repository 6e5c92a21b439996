package dev.retain.sales;

import dev.retain.sales.Pool.LevelDays;
import dev.retain.sales.Pools.PoolSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pool settings for a test, written as the rules it needs: every rule off and no limit unless set. */
final class PoolRules {

    private final String name;
    private Integer followUpDays;
    private Integer orderDays;
    private Integer wonDays;
    private Long calendarId;
    private String levelField;
    private String contractField;
    private Integer dailyClaimQuota;
    private Integer maxOwned;
    private int cooldownDays;
    private int delayHours;
    private Set<PoolHiddenField> hidden = EnumSet.noneOf(PoolHiddenField.class);
    private Map<String, LevelDays> levels = Map.of();

    private PoolRules(String name) {
        this.name = name;
    }

    static PoolRules named(String name) {
        return new PoolRules(name);
    }

    PoolRules followUpDays(Integer days) {
        followUpDays = days;
        return this;
    }

    PoolRules orderDays(int days) {
        orderDays = days;
        return this;
    }

    PoolRules wonDays(int days) {
        wonDays = days;
        return this;
    }

    PoolRules workingDaysOf(long calendar) {
        calendarId = calendar;
        return this;
    }

    PoolRules levels(String field, Map<String, LevelDays> days) {
        levelField = field;
        levels = days;
        return this;
    }

    PoolRules contractEnd(String field) {
        contractField = field;
        return this;
    }

    PoolRules claims(int quota, int cap, int cooldown, int delay) {
        dailyClaimQuota = quota;
        maxOwned = cap;
        cooldownDays = cooldown;
        delayHours = delay;
        return this;
    }

    PoolRules hiding(PoolHiddenField field) {
        hidden = EnumSet.of(field);
        return this;
    }

    PoolSettings settings() {
        return new PoolSettings(
                name,
                followUpDays,
                orderDays,
                wonDays,
                true,
                calendarId,
                levelField,
                contractField,
                3,
                dailyClaimQuota,
                maxOwned,
                cooldownDays,
                delayHours,
                hidden,
                levels,
                List.of());
    }
}

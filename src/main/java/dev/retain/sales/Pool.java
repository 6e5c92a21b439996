package dev.retain.sales;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A public pool (公海) and its rules. Reclaim: an owned customer returns to its pool after {@code followUpDays} without
 * a follow-up, {@code orderDays} without a paid order or {@code wonDays} without a won opportunity (null: that rule is
 * off) — unless it has an open opportunity and {@code keepWithOpenOpportunity} —, counted from the later of that and
 * the day its owner got it — on working days of the business calendar {@code calendarId} when set — with other days
 * per customer level ({@code levelField}, a custom field) and never while a contract ({@code contractField}, a date
 * custom field) runs or a manager has locked the customer. Claim: at most {@code dailyClaimQuota} a day from this
 * pool per person, at most {@code maxOwned} customers owned in all, the previous owner not within
 * {@code reclaimCooldownDays}, nobody within {@code claimDelayHours} of a release. Members see its waiting customers
 * with {@code hiddenFields} hidden; a pool without members is open to everyone.
 */
public record Pool(
        long id,
        String name,
        boolean isDefault,
        Integer followUpDays,
        Integer orderDays,
        Integer wonDays,
        boolean keepWithOpenOpportunity,
        Long calendarId,
        String levelField,
        String contractField,
        int remindDays,
        Integer dailyClaimQuota,
        Integer maxOwned,
        int reclaimCooldownDays,
        int claimDelayHours,
        Set<PoolHiddenField> hiddenFields,
        Map<String, LevelDays> levels,
        List<Member> members) {

    /** Days for the customers of one level; null keeps the pool's. */
    public record LevelDays(Integer followUpDays, Integer orderDays) {}

    /** A user or a team (with its sub-teams) who sees and claims the pool's customers; admins also assign them. */
    public record Member(Long userId, Long teamId, boolean admin) {}
}

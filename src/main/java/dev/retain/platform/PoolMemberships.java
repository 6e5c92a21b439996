package dev.retain.platform;

import java.util.Set;

/**
 * The pools (公海) whose waiting customers a user may see: those open to everyone and those the user, or a team they are
 * in, is a member of. The sales module, which keeps the pools, answers it.
 */
public interface PoolMemberships {

    Set<Long> poolsOf(long userId);

    /** The profile fields ({@code phone}, {@code email}, {@code birthday}) the pool hides on the customers waiting in it. */
    Set<String> hiddenWhileWaiting(long poolId);
}

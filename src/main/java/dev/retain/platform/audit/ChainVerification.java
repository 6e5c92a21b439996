package dev.retain.platform.audit;

import java.time.Instant;

/**
 * The outcome of walking the audit chain: intact with the number of entries, the newest one's time and hash (worth keeping
 * elsewhere: a chain rewritten from its start would show a different one), or the first entry where it breaks.
 */
public record ChainVerification(long entries, Instant newestAt, String headHash, Break broken) {

    /** Where the chain breaks: the entry (id, time, place in the chain) and why. */
    public record Break(Long id, Instant at, long seq, String reason) {}

    public boolean intact() {
        return broken == null;
    }
}

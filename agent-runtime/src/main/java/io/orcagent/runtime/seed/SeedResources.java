package io.orcagent.runtime.seed;

import java.util.Optional;

/**
 * Things that belong to a seed rather than to one stage (the transfer receiver opened in Prepare and
 * consumed while the other agent runs Backup). The engine releases them when the seed is aborted on this
 * agent, when its Cleanup ends, when a Prepare retries the seed, and when another seed replaces it.
 */
@FunctionalInterface
public interface SeedResources {

    /** Holds nothing. */
    SeedResources NONE = seedId -> { };

    /**
     * Releases everything held for a seed; must be quick and must not throw.
     *
     * @param seedId the seed
     */
    void release(long seedId);

    /**
     * Why what a completed Prepare set up for this seed can no longer serve the next stage (a receiver that
     * has already taken a stream, failed, or was closed), so that a repeated Prepare is a retry and must run
     * again. Empty while it is still waiting to be used, or when nothing is held for the seed.
     *
     * @param seedId the seed
     * @return the reason, if spent
     */
    default Optional<String> spent(long seedId) {
        return Optional.empty();
    }

    /**
     * Why the seed broke on this agent outside any local stage (its receiver failed or was closed before a
     * successful transfer: the other agent's Backup failed or was aborted). Empty when nothing failed.
     *
     * @param seedId the seed
     * @return the failure, if any
     */
    default Optional<String> failure(long seedId) {
        return Optional.empty();
    }
}

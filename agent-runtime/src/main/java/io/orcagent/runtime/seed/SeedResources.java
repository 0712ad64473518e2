package io.orcagent.runtime.seed;

/**
 * Things that belong to a seed rather than to one stage (the transfer receiver opened in Prepare and
 * consumed while the other agent runs Backup). The engine releases them when the seed is aborted on this
 * agent, when its Cleanup ends, and when another seed replaces it.
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
}

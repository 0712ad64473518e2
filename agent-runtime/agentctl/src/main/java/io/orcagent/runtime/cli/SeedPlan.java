package io.orcagent.runtime.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code agentctl seed} was asked to do.
 *
 * @param seedId the seed id to use
 * @param method the seed method
 * @param source the source agent
 * @param target the target agent
 * @param replication how to connect the target to the source, or empty to stop after cleanup
 */
public record SeedPlan(long seedId, String method, AgentEndpoint source, AgentEndpoint target,
                       Optional<ReplicationSettings> replication) {

    /**
     * Validates.
     *
     * @param seedId seed id
     * @param method method
     * @param source source
     * @param target target
     * @param replication replication settings
     */
    public SeedPlan {
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(replication, "replication is null");
    }
}

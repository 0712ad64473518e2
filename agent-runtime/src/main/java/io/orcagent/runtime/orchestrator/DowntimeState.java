package io.orcagent.runtime.orchestrator;

import java.time.Instant;
import java.util.Objects;

/**
 * Continuous downtime as {@code GET /api/downtime} reports it.
 *
 * @param enabled whether the agent keeps its MySQL downtimed
 * @param source {@code "config"} while the config file's {@code downtime} applies, {@code "runtime"} once
 *     it was switched through the API ({@code agentctl downtime on|off}) — that lasts until the agent restarts
 * @param heldUntil when the downtime the agent last set ends, about; null when none of the agent's is
 *     known to be in force
 * @param lastError why the last begin-downtime failed; null when it succeeded or none was tried
 */
public record DowntimeState(boolean enabled, String source, Instant heldUntil, String lastError) {

    /** The config file decides. */
    public static final String CONFIG = "config";
    /** Switched at runtime. */
    public static final String RUNTIME = "runtime";

    /**
     * Validates.
     *
     * @param enabled enabled
     * @param source source
     * @param heldUntil end of the downtime or null
     * @param lastError last error or null
     */
    public DowntimeState {
        Objects.requireNonNull(source, "source is null");
    }
}

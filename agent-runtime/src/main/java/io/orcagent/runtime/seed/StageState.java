package io.orcagent.runtime.seed;

import java.time.Instant;
import java.util.Objects;

import io.orcagent.api.Stage;

/**
 * The state of one stage of one seed on this agent (immutable snapshot).
 *
 * @param seedId the seed
 * @param stage the stage
 * @param hostname the agent's registered hostname
 * @param timestamp when the state last changed (moves with progress)
 * @param status the status
 * @param details what is happening, or the error
 * @param progress bytes done/total/rate when reported
 */
public record StageState(long seedId, Stage stage, String hostname, Instant timestamp, StageStatus status,
                         String details, Progress progress) {

    /**
     * Validates.
     *
     * @param seedId seed
     * @param stage stage
     * @param hostname hostname
     * @param timestamp timestamp
     * @param status status
     * @param details details
     * @param progress progress
     */
    public StageState {
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(hostname, "hostname is null");
        Objects.requireNonNull(timestamp, "timestamp is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(details, "details is null");
        Objects.requireNonNull(progress, "progress is null");
    }

    /**
     * This state with another status and details.
     *
     * @param newStatus status
     * @param newDetails details
     * @param at when
     * @return the new state
     */
    public StageState with(StageStatus newStatus, String newDetails, Instant at) {
        return new StageState(seedId, stage, hostname, at, newStatus, newDetails, progress);
    }

    /**
     * This state with new progress.
     *
     * @param newProgress progress
     * @param newDetails details
     * @param at when
     * @return the new state
     */
    public StageState withProgress(Progress newProgress, String newDetails, Instant at) {
        return new StageState(seedId, stage, hostname, at, status, newDetails, newProgress);
    }

    /**
     * Bytes processed by a stage.
     *
     * @param done bytes done
     * @param total expected bytes, -1 when unknown
     * @param bytesPerSecond average rate since the stage started
     */
    public record Progress(long done, long total, double bytesPerSecond) {
        /** No progress reported. */
        public static final Progress NONE = new Progress(0, -1, 0);
    }
}

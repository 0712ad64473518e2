package io.orcagent.runtime.seed;

import java.time.Duration;

import io.orcagent.api.Stage;

/**
 * Told about stage transitions and progress (for metrics).
 */
public interface SeedListener {

    /** Listens to nothing. */
    SeedListener NONE = new SeedListener() {
    };

    /**
     * A stage started.
     *
     * @param method the method
     * @param stage the stage
     */
    default void stageStarted(String method, Stage stage) {
    }

    /**
     * A stage ended.
     *
     * @param method the method
     * @param stage the stage
     * @param status Completed or Error
     * @param took how long it ran
     */
    default void stageEnded(String method, Stage stage, StageStatus status, Duration took) {
    }

    /**
     * A stage reported progress.
     *
     * @param method the method
     * @param stage the stage
     * @param progress the progress
     */
    default void progressed(String method, Stage stage, StageState.Progress progress) {
    }
}

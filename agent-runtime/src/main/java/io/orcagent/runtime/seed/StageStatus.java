package io.orcagent.runtime.seed;

/**
 * A stage's status; the wire names are the constant names.
 */
public enum StageStatus {
    /** The stage is running. */
    Running,
    /** The stage finished successfully. */
    Completed,
    /** The stage failed or was aborted. */
    Error
}

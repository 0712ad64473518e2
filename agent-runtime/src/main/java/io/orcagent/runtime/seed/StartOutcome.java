package io.orcagent.runtime.seed;

/**
 * What a stage call did.
 */
public enum StartOutcome {
    /** The stage was started now. */
    STARTED,
    /** The same stage of the same seed already runs or completed: nothing was started again. */
    ALREADY_STARTED
}

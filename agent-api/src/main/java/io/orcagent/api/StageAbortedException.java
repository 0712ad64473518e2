package io.orcagent.api;

/**
 * Thrown inside a stage when it has been aborted.
 */
public final class StageAbortedException extends Exception {

    /**
     * Creates the exception.
     *
     * @param message what was aborted
     */
    public StageAbortedException(String message) {
        super(message);
    }
}

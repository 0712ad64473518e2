package io.orcagent.plugins.clone;

import java.util.Objects;

/**
 * The state of the current or last clone, from {@code performance_schema.clone_status}.
 *
 * @param state {@code Not Started}, {@code In Progress}, {@code Completed} or {@code Failed}
 * @param errorNo {@code ERROR_NO} (0 when none)
 * @param errorMessage {@code ERROR_MESSAGE} (empty when none)
 */
record CloneState(String state, int errorNo, String errorMessage) {

    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";

    CloneState {
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(errorMessage, "errorMessage is null");
    }

    boolean completed() {
        return COMPLETED.equals(state);
    }

    boolean failed() {
        return FAILED.equals(state);
    }

    /**
     * The state and error for a stage's error text.
     *
     * @return e.g. {@code state Failed, ERROR 3862: Clone Donor Error: …}
     */
    String describe() {
        return "state " + state + (errorNo == 0 && errorMessage.isBlank() ? ""
                : ", ERROR " + errorNo + ": " + errorMessage.strip());
    }
}

package io.orcagent.plugins.clone;

import java.time.Duration;
import java.util.Objects;

/**
 * How often the clone stages look at things while they wait.
 *
 * @param abortCheck how often a running {@code CLONE INSTANCE} checks whether the stage was aborted
 * @param progressInterval how often cloned bytes are read from {@code performance_schema.clone_progress}
 * @param restartPoll how often the server is asked for the clone's state while it restarts
 */
record CloneTimings(Duration abortCheck, Duration progressInterval, Duration restartPoll) {

    /** What the agent uses. */
    static final CloneTimings PRODUCTION = new CloneTimings(Duration.ofMillis(250), Duration.ofSeconds(2),
            Duration.ofSeconds(1));

    CloneTimings {
        Objects.requireNonNull(abortCheck, "abortCheck is null");
        Objects.requireNonNull(progressInterval, "progressInterval is null");
        Objects.requireNonNull(restartPoll, "restartPoll is null");
    }
}

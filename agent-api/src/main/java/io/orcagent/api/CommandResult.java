package io.orcagent.api;

import java.util.Objects;

/**
 * How a process ended.
 *
 * @param exitCode the exit code (128+signal when killed by a signal)
 * @param stdout collected stdout (empty when stdout was redirected or read by the caller)
 * @param stderrTail the last lines of stderr (at most a few KiB)
 * @param killed whether the runtime killed it (abort, timeout, shutdown)
 */
public record CommandResult(int exitCode, String stdout, String stderrTail, boolean killed) {

    /**
     * Validates.
     *
     * @param exitCode exit code
     * @param stdout stdout
     * @param stderrTail stderr tail
     * @param killed killed
     */
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout is null");
        Objects.requireNonNull(stderrTail, "stderrTail is null");
    }

    /**
     * Whether the process exited with 0.
     *
     * @return true on success
     */
    public boolean succeeded() {
        return exitCode == 0 && !killed;
    }
}

package io.orcagent.api;

import java.io.IOException;

/**
 * Turns a {@link Command} into an operating-system process, for example directly, through
 * {@code sudo}, or through a site's privilege broker. The runtime hands it every process the agent
 * starts and then owns the returned {@link Process} (stream pumping, timeouts, kill-tree).
 *
 * <p>An executor must never pass the argument list through a shell.
 */
public interface CommandExecutor {

    /**
     * Starts the process.
     *
     * @param command what to run; {@link Command#privileged()} says whether the operator's privilege
     *     settings apply
     * @return the started process
     * @throws IOException when it cannot be started
     */
    Process start(Command command) throws IOException;

    /**
     * Releases what this command executor holds. The runtime calls it once, when no call into the plugin runs
     * (no seed stage either), before {@link AgentPlugin#close()} and before the plugin's classes are
     * unloaded (at reload and at shutdown). An exception is logged and does not stop the unload. The
     * default does nothing.
     *
     * @since 1.1.0
     */
    default void close() {
        // nothing to release
    }
}

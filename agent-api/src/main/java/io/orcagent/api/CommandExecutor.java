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
}

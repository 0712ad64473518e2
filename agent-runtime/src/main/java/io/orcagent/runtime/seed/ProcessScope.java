package io.orcagent.runtime.seed;

import io.orcagent.api.CommandRunner;

/**
 * A command runner whose processes can all be killed at once (one per stage run).
 */
public interface ProcessScope extends CommandRunner, AutoCloseable {

    /** Kills every process started through this scope, with their descendants. */
    void killAll();

    /** Kills what still runs. */
    @Override
    void close();
}

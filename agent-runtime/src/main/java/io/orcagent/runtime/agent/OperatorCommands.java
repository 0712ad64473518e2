package io.orcagent.runtime.agent;

import java.io.IOException;
import java.util.List;

import io.orcagent.api.CommandResult;

/**
 * Runs command lines the operator wrote in the config file (custom commands, snapshot-host commands).
 * These are the only strings that go through a shell; nothing from a request is ever put into them.
 */
public interface OperatorCommands {

    /**
     * Runs a configured command line.
     *
     * @param commandLine the line exactly as configured
     * @return the result
     * @throws IOException when the shell cannot start
     * @throws InterruptedException when interrupted
     */
    CommandResult run(String commandLine) throws IOException, InterruptedException;

    /**
     * Runs a configured command line and returns its non-blank stdout lines.
     *
     * @param commandLine the line exactly as configured
     * @return the lines
     * @throws IOException when it cannot start or exits non-zero
     * @throws InterruptedException when interrupted
     */
    default List<String> lines(String commandLine) throws IOException, InterruptedException {
        CommandResult result = run(commandLine);
        if (!result.succeeded()) {
            throw new IOException("command exited with " + result.exitCode()
                    + (result.stderrTail().isBlank() ? "" : ": " + result.stderrTail().strip()));
        }
        return result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}

package io.orcagent.plugins.lvm;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs the storage tools ({@code lvs}, {@code mount}, {@code btrfs}, …) as privileged argument lists
 * with a time limit, so a hung device cannot block a stage or an HTTP request for ever.
 */
final class ToolRunner {

    /** Limit for listing, mounting and removing. */
    static final Duration QUICK = Duration.ofMinutes(2);
    /** Limit for the operator's snapshot command (it may wait for a global read lock). */
    static final Duration SNAPSHOT = Duration.ofMinutes(30);

    private final CommandRunner runner;

    ToolRunner(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
    }

    /**
     * Runs a tool and requires exit code 0.
     *
     * @param argv the argument list
     * @return its stdout
     * @throws CommandFailedException when it cannot start or fails (with its stderr tail)
     * @throws InterruptedException when interrupted
     */
    String output(List<String> argv) throws CommandFailedException, InterruptedException {
        return runChecked(command(argv, QUICK)).stdout();
    }

    /**
     * Runs a tool whatever its exit code.
     *
     * @param argv the argument list
     * @return the result
     * @throws CommandFailedException when it cannot start
     * @throws InterruptedException when interrupted
     */
    CommandResult attempt(List<String> argv) throws CommandFailedException, InterruptedException {
        Command command = command(argv, QUICK);
        try {
            return runner.run(command);
        } catch (IOException e) {
            throw new CommandFailedException(command.program(), -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * Runs the operator's snapshot command line through {@code sh -c}. The line comes from the config
     * file only (the SPI has no shell); nothing from a request is ever part of it.
     *
     * @param operatorLine {@code create-snapshot-command}
     * @throws CommandFailedException when it fails
     * @throws InterruptedException when interrupted
     */
    void runOperatorLine(String operatorLine) throws CommandFailedException, InterruptedException {
        runChecked(command(List.of("sh", "-c", operatorLine), SNAPSHOT));
    }

    private CommandResult runChecked(Command command) throws CommandFailedException, InterruptedException {
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (IOException e) {
            throw new CommandFailedException(command.program(), -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (result.killed()) {
            throw new CommandFailedException(command.program(), result.exitCode(), "killed (time limit "
                    + command.timeout().map(Duration::toString).orElse("none") + ", abort or shutdown) "
                    + result.stderrTail().strip());
        }
        if (result.exitCode() != 0) {
            throw new CommandFailedException(command.program(), result.exitCode(), result.stderrTail());
        }
        return result;
    }

    private static Command command(List<String> argv, Duration limit) {
        return Command.of(argv).asPrivileged().timeout(limit);
    }
}

package io.orcagent.runtime.exec;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a command line the operator wrote in the config file (service start/stop/status, custom
 * commands, snapshot-host commands) as {@code sh -c <line>}. This is the only place the agent uses a
 * shell.
 *
 * <p><b>Never pass request data in the line.</b> Values that vary per call (a datadir, a host name)
 * go in {@code args}: they reach the line as the positional parameters {@code "$@"} appended to it,
 * so the shell never parses them.
 */
public final class ShellCommand {

    /** {@code $0} of the shell, shown by {@code ps}. */
    private static final String SHELL_NAME = "orcagent-sh";

    private final CommandRunner runner;

    /**
     * Creates it.
     *
     * @param runner the runner that starts the shell
     */
    public ShellCommand(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
    }

    /**
     * The command that runs an operator line.
     *
     * @param operatorLine a command line from the config file
     * @return {@code sh -c <line>}
     * @throws IllegalArgumentException when the line is blank
     */
    public static Command command(String operatorLine) {
        return Command.of("sh", "-c", requireLine(operatorLine));
    }

    /**
     * The command that runs an operator line with arguments appended as {@code "$@"}; the arguments
     * are never parsed by the shell.
     *
     * @param operatorLine a command line from the config file
     * @param args arguments appended to it
     * @return {@code sh -c '<line> "$@"' orcagent-sh args...}
     * @throws IllegalArgumentException when the line is blank
     */
    public static Command command(String operatorLine, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", requireLine(operatorLine) + " \"$@\"", SHELL_NAME));
        argv.addAll(args);
        return Command.of(argv);
    }

    /**
     * Runs an operator line to completion, whatever its exit code.
     *
     * @param operatorLine a command line from the config file
     * @return the result
     * @throws IOException when {@code sh} cannot start
     * @throws InterruptedException when interrupted (the process tree is killed)
     */
    public CommandResult run(String operatorLine) throws IOException, InterruptedException {
        return runner.run(command(operatorLine));
    }

    /**
     * Runs an operator line and requires exit code 0.
     *
     * @param operatorLine a command line from the config file
     * @return the result
     * @throws CommandFailedException when it exits non-zero; named after the line's first word
     * @throws InterruptedException when interrupted
     */
    public CommandResult runChecked(String operatorLine) throws CommandFailedException, InterruptedException {
        return runChecked(operatorLine, List.of());
    }

    /**
     * Runs an operator line with arguments appended as {@code "$@"} and requires exit code 0.
     *
     * @param operatorLine a command line from the config file
     * @param args arguments appended to it, never parsed by the shell
     * @return the result
     * @throws CommandFailedException when it exits non-zero; named after the line's first word
     * @throws InterruptedException when interrupted
     */
    public CommandResult runChecked(String operatorLine, List<String> args)
            throws CommandFailedException, InterruptedException {
        Command command = args.isEmpty() ? command(operatorLine) : command(operatorLine, args);
        // the line may hold secrets the operator typed: name the failure after its first word only
        String label = operatorLine.strip().split("\\s+", 2)[0];
        CommandResult result;
        try {
            result = runner.run(command);
        } catch (IOException e) {
            throw new CommandFailedException(label, -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (result.exitCode() != 0) {
            throw new CommandFailedException(label, result.exitCode(), result.stderrTail());
        }
        return result;
    }

    private static String requireLine(String operatorLine) {
        Objects.requireNonNull(operatorLine, "command line is null");
        if (operatorLine.isBlank()) {
            throw new IllegalArgumentException("the configured command is empty");
        }
        return operatorLine;
    }
}

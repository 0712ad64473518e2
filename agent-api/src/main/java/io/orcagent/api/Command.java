package io.orcagent.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A process to start: an argument list (never a shell line) and where its streams go.
 *
 * @param argv program and arguments; {@code argv.get(0)} is looked up on {@code PATH}
 * @param workDir working directory, or empty for the agent's
 * @param environment extra environment variables
 * @param stdinFrom a file to feed to stdin, or empty (then stdin is a pipe the caller may write to,
 *     or closed when not used)
 * @param stdoutTo a file to write stdout to, or empty (then stdout is a pipe the caller reads)
 * @param appendStdout whether {@code stdoutTo} is appended to instead of truncated
 * @param privileged whether the operator's privilege settings ({@code exec-with-sudo}) apply (see {@link #asPrivileged()})
 * @param timeout how long the process may run before it is killed, or empty for no limit
 */
public record Command(List<String> argv, Optional<Path> workDir, Map<String, String> environment,
                      Optional<Path> stdinFrom, Optional<Path> stdoutTo, boolean appendStdout,
                      boolean privileged, Optional<Duration> timeout) {

    /**
     * Validates and copies.
     *
     * @param argv argv
     * @param workDir work dir
     * @param environment environment
     * @param stdinFrom stdin file
     * @param stdoutTo stdout file
     * @param appendStdout append
     * @param privileged privileged
     * @param timeout timeout
     */
    public Command {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv is null"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains NUL");
            }
        }
        Objects.requireNonNull(workDir, "workDir is null");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment is null"));
        Objects.requireNonNull(stdinFrom, "stdinFrom is null");
        Objects.requireNonNull(stdoutTo, "stdoutTo is null");
        Objects.requireNonNull(timeout, "timeout is null");
    }

    /**
     * A plain command with its output piped back to the caller.
     *
     * @param argv program and arguments
     * @return the command
     */
    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    /**
     * A plain command with its output piped back to the caller.
     *
     * @param argv program and arguments
     * @return the command
     */
    public static Command of(List<String> argv) {
        return new Command(argv, Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), false, false,
                Optional.empty());
    }

    /**
     * This command in another working directory.
     *
     * @param dir the directory
     * @return a copy
     */
    public Command inDirectory(Path dir) {
        return new Command(argv, Optional.of(dir), environment, stdinFrom, stdoutTo, appendStdout, privileged, timeout);
    }

    /**
     * This command with stdin read from a file.
     *
     * @param file the file
     * @return a copy
     */
    public Command stdinFrom(Path file) {
        return new Command(argv, workDir, environment, Optional.of(file), stdoutTo, appendStdout, privileged, timeout);
    }

    /**
     * This command with stdout written to a file.
     *
     * @param file the file
     * @param append whether to append
     * @return a copy
     */
    public Command stdoutTo(Path file, boolean append) {
        return new Command(argv, workDir, environment, stdinFrom, Optional.of(file), append, privileged, timeout);
    }

    /**
     * This command run with the operator's privilege settings.
     *
     * @return a copy
     */
    public Command asPrivileged() {
        return new Command(argv, workDir, environment, stdinFrom, stdoutTo, appendStdout, true, timeout);
    }

    /**
     * This command with a time limit.
     *
     * @param limit the limit
     * @return a copy
     */
    public Command timeout(Duration limit) {
        return new Command(argv, workDir, environment, stdinFrom, stdoutTo, appendStdout, privileged,
                Optional.of(limit));
    }

    /**
     * This command with extra environment variables.
     *
     * @param extra the variables
     * @return a copy
     */
    public Command environment(Map<String, String> extra) {
        return new Command(argv, workDir, extra, stdinFrom, stdoutTo, appendStdout, privileged, timeout);
    }

    /**
     * The program name, for messages.
     *
     * @return {@code argv.get(0)}
     */
    public String program() {
        return argv.get(0);
    }
}

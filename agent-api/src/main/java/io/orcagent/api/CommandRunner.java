package io.orcagent.api;

import java.io.IOException;

/**
 * Starts processes. The runtime owns them: it captures stderr (for error messages), enforces
 * timeouts, and kills whole process trees on abort and shutdown.
 */
public interface CommandRunner {

    /**
     * Starts a process.
     *
     * @param command what to run
     * @return the running process
     * @throws IOException when it cannot be started (for example the program is missing)
     */
    RunningCommand start(Command command) throws IOException;

    /**
     * Runs a process to completion, collecting its output (stdout is kept in full up to a few MiB;
     * use {@link Command#stdoutTo} for big outputs).
     *
     * @param command what to run
     * @return the result, whatever the exit code
     * @throws IOException when it cannot be started
     * @throws InterruptedException when interrupted (the process is killed)
     */
    default CommandResult run(Command command) throws IOException, InterruptedException {
        try (RunningCommand running = start(command)) {
            return running.await();
        }
    }

    /**
     * Runs a process and requires exit code 0.
     *
     * @param command what to run
     * @return the result
     * @throws CommandFailedException when it cannot start or exits non-zero (message carries the
     *     stderr tail)
     * @throws InterruptedException when interrupted
     */
    default CommandResult runChecked(Command command) throws CommandFailedException, InterruptedException {
        CommandResult result;
        try {
            result = run(command);
        } catch (IOException e) {
            throw new CommandFailedException(command.program(), -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (result.exitCode() != 0) {
            throw new CommandFailedException(command.program(), result.exitCode(), result.stderrTail());
        }
        return result;
    }
}

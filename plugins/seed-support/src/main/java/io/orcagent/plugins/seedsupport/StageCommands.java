package io.orcagent.plugins.seedsupport;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Runs a stage's long commands through the stage's runner (so an abort kills them) and turns their
 * outcome into the stage's outcome: success, {@link StageAbortedException} when the stage was aborted,
 * or {@link CommandFailedException} carrying the tool's stderr tail (its stdout tail when stderr is
 * empty).
 */
public final class StageCommands {

    /** How often byte progress is reported while a command runs. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);
    private static final int OUTPUT_TAIL_CHARS = 2048;

    private StageCommands() {
    }

    /**
     * Runs a command to completion while reporting progress.
     *
     * @param stage the stage
     * @param command the command
     * @param done reads the bytes done so far (for example the size of the output)
     * @param total the expected total, negative when unknown
     * @return the successful result
     * @throws CommandFailedException when it cannot start or fails
     * @throws StageAbortedException when the stage was aborted
     * @throws InterruptedException when interrupted
     */
    public static CommandResult runWithProgress(StageContext stage, Command command, LongSupplier done, long total)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        RunningCommand running = start(stage, command);
        CommandResult result;
        ProgressPoller poller = ProgressPoller.start(stage.progress(), done, total, PROGRESS_INTERVAL);
        try (running) {
            result = running.await();
        } finally {
            poller.close();
        }
        return requireSuccess(stage, command.program(), result);
    }

    /**
     * Starts a command through the stage's runner.
     *
     * @param stage the stage
     * @param command the command
     * @return the running command
     * @throws CommandFailedException when it cannot start
     * @throws StageAbortedException when the stage was aborted (its runner starts nothing more)
     */
    public static RunningCommand start(StageContext stage, Command command)
            throws CommandFailedException, StageAbortedException {
        stage.throwIfCancelled();
        try {
            return stage.commands().start(command);
        } catch (IOException e) {
            stage.throwIfCancelled();
            throw new CommandFailedException(command.program(), -1, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * Checks how a command ended.
     *
     * @param stage the stage
     * @param program the program name, for the message
     * @param result how it ended
     * @return the result when it succeeded
     * @throws CommandFailedException when it failed
     * @throws StageAbortedException when the stage was aborted (the runtime killed it)
     */
    public static CommandResult requireSuccess(StageContext stage, String program, CommandResult result)
            throws CommandFailedException, StageAbortedException {
        if (result.succeeded()) {
            return result;
        }
        stage.throwIfCancelled();
        // glib tools (mydumper, myloader) print option errors on stdout, not stderr
        String detail = result.stderrTail().isBlank() ? tail(result.stdout()) : result.stderrTail();
        if (result.killed()) {
            throw new CommandFailedException(program, result.exitCode(), "killed (time limit or shutdown). " + detail);
        }
        throw new CommandFailedException(program, result.exitCode(), detail);
    }

    private static String tail(String text) {
        return text.length() <= OUTPUT_TAIL_CHARS ? text : text.substring(text.length() - OUTPUT_TAIL_CHARS);
    }
}

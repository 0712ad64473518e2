package io.orcagent.api;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A started process. Closing it kills the process tree if it still runs.
 */
public interface RunningCommand extends AutoCloseable {

    /**
     * The process id.
     *
     * @return the pid
     */
    long pid();

    /**
     * The process's stdin when it is a pipe (no {@link Command#stdinFrom}); close it to send EOF.
     *
     * @return stdin
     */
    OutputStream stdin();

    /**
     * The process's stdout when it is a pipe (no {@link Command#stdoutTo}). If the caller never
     * reads it, {@link #await()} collects it.
     *
     * @return stdout
     */
    InputStream stdout();

    /**
     * Waits for the process to end.
     *
     * @return the result
     * @throws InterruptedException when interrupted (the process tree is killed)
     */
    CommandResult await() throws InterruptedException;

    /** Kills the process and all its descendants (TERM, then KILL after a grace period). */
    void kill();

    /** Kills the process tree if still running. */
    @Override
    void close();
}

package io.orcagent.api;

import java.time.Duration;

/**
 * The local MySQL service, controlled through the operator's configured commands.
 */
public interface MysqlService {

    /**
     * Runs {@code service-start-command}.
     *
     * @throws CommandFailedException when the command fails
     * @throws InterruptedException when interrupted
     */
    void start() throws CommandFailedException, InterruptedException;

    /**
     * Runs {@code service-stop-command}.
     *
     * @throws CommandFailedException when the command fails
     * @throws InterruptedException when interrupted
     */
    void stop() throws CommandFailedException, InterruptedException;

    /**
     * Runs {@code service-status-command}; exit code 0 means running.
     *
     * @return whether MySQL runs
     * @throws InterruptedException when interrupted
     */
    boolean running() throws InterruptedException;

    /**
     * Waits until the server accepts connections.
     *
     * @param timeout how long to wait at most
     * @return true when it answered in time
     * @throws InterruptedException when interrupted
     */
    boolean awaitReachable(Duration timeout) throws InterruptedException;
}

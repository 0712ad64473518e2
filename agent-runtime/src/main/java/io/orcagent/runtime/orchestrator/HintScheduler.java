package io.orcagent.runtime.orchestrator;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs the hint jobs one at a time, each after a delay, and tells the time. Tests use a virtual clock
 * that runs due jobs when told to advance, so intervals, jitter and expiry are checked without
 * waiting.
 */
public interface HintScheduler extends AutoCloseable {

    /**
     * The current time.
     *
     * @return now
     */
    Instant now();

    /**
     * Runs a job once after a delay. Jobs never run concurrently with each other.
     *
     * @param delay how long to wait (zero runs it as soon as possible)
     * @param job the job
     * @return a handle to cancel it
     */
    Scheduled schedule(Duration delay, Runnable job);

    /** Stops: pending jobs never run and a running job is interrupted. */
    @Override
    void close();

    /** A pending job. */
    interface Scheduled {

        /** Cancels the job if it has not started. */
        void cancel();
    }
}

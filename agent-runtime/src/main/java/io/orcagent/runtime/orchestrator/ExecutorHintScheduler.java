package io.orcagent.runtime.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link HintScheduler}: one virtual thread that runs the jobs in turn.
 */
public final class ExecutorHintScheduler implements HintScheduler {

    private final Clock clock;
    private final ScheduledExecutorService executor;

    /**
     * Creates the scheduler.
     *
     * @param clock the clock reported by {@link #now()}
     */
    public ExecutorHintScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                Thread.ofVirtual().name("orchestrator-hints").factory());
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable job) {
        ScheduledFuture<?> future;
        try {
            future = executor.schedule(job, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // a job finishing while the agent stops: nothing more to run
            return () -> { };
        }
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

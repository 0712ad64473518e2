package io.orcagent.plugins.seedsupport;

import io.orcagent.api.ProgressSink;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports bytes done to a {@link ProgressSink} at a fixed interval while a long command runs (the
 * stage thread is blocked in {@code await()}), so the stage's {@code Timestamp} moves with the copy.
 * Closing it stops polling and sends one last report.
 */
public final class ProgressPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressPoller.class);

    private final ScheduledExecutorService scheduler;
    private final ProgressSink sink;
    private final LongSupplier done;
    private final long total;

    private ProgressPoller(ProgressSink sink, LongSupplier done, long total) {
        this.sink = sink;
        this.done = done;
        this.total = total;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "seed-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts polling.
     *
     * @param sink where to report
     * @param done reads the bytes done so far (called on the poller thread; must be cheap)
     * @param total expected total, negative when unknown; when {@code done} passes it, the total is
     *     reported as unknown rather than as a figure below the bytes done
     * @param every the interval
     * @return the running poller; close it when the work ends
     */
    public static ProgressPoller start(ProgressSink sink, LongSupplier done, long total, Duration every) {
        Objects.requireNonNull(sink, "sink is null");
        Objects.requireNonNull(done, "done is null");
        ProgressPoller poller = new ProgressPoller(sink, done, total);
        long millis = Math.max(1, every.toMillis());
        poller.scheduler.scheduleWithFixedDelay(poller::report, millis, millis, TimeUnit.MILLISECONDS);
        return poller;
    }

    private void report() {
        try {
            long bytes = done.getAsLong();
            sink.bytes(bytes, total >= 0 && bytes <= total ? total : -1);
        } catch (RuntimeException e) {
            LOG.warn("progress report failed: {}", e.toString());
        }
    }

    /** Stops polling and reports the final figure. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
    }
}

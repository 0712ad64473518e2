package io.orcagent.runtime.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link HintScheduler} on a virtual clock: jobs run in the test's thread, in time order, when the
 * test advances the clock. Nothing waits for real time.
 */
final class ManualHintScheduler implements HintScheduler {

    private final List<Pending> pending = new ArrayList<>();
    private Instant now = Instant.parse("2024-05-01T00:00:00Z");
    private long sequence;
    private boolean closed;

    private final class Pending implements Scheduled {
        final Instant due;
        final long order;
        final Runnable job;

        Pending(Instant due, long order, Runnable job) {
            this.due = due;
            this.order = order;
            this.job = job;
        }

        @Override
        public void cancel() {
            synchronized (ManualHintScheduler.this) {
                pending.remove(this);
            }
        }
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable job) {
        Pending p = new Pending(now.plus(delay), sequence++, job);
        if (!closed) {
            pending.add(p);
        }
        return p;
    }

    /** Runs every job due within the next {@code step}, moving the clock to each job's time. */
    void advance(Duration step) {
        Instant target = now().plus(step);
        while (true) {
            Pending next;
            synchronized (this) {
                next = pending.stream().filter(p -> !p.due.isAfter(target))
                        .min(Comparator.comparing((Pending p) -> p.due).thenComparingLong(p -> p.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                pending.remove(next);
                now = next.due;
            }
            next.job.run();
        }
    }

    /** When the pending jobs are due, earliest first. */
    synchronized List<Instant> dueTimes() {
        return pending.stream().map(p -> p.due).sorted().toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
    }
}

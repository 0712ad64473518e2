package io.orcagent.runtime.seed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.orcagent.api.ProgressSink;

/**
 * A stage's progress sink: keeps the current step and byte counts and pushes a new state (moving its
 * timestamp) to the engine on every report.
 */
final class StageProgress implements ProgressSink {

    /** Receives the rendered progress. */
    interface Listener {
        void progressed(StageState.Progress progress, String details);
    }

    private final Clock clock;
    private final Instant started;
    private final Listener listener;
    private String step;
    private long done;
    private long total = -1;
    private boolean bytesReported;

    StageProgress(Clock clock, String initialStep, Listener listener) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.started = clock.instant();
        this.step = Objects.requireNonNull(initialStep, "initialStep is null");
        this.listener = Objects.requireNonNull(listener, "listener is null");
    }

    @Override
    public synchronized void step(String text) {
        step = Objects.requireNonNull(text, "text is null");
        publish();
    }

    @Override
    public synchronized void bytes(long bytesDone, long bytesTotal) {
        done = Math.max(0, bytesDone);
        total = bytesTotal < 0 ? -1 : bytesTotal;
        bytesReported = true;
        publish();
    }

    synchronized String details() {
        if (!bytesReported) {
            return step;
        }
        double rate = rate();
        StringBuilder out = new StringBuilder(step).append(": ").append(ByteFormat.bytes(done));
        if (total >= 0) {
            out.append(" of ").append(ByteFormat.bytes(total));
            if (total > 0) {
                out.append(String.format(Locale.ROOT, " (%.0f%%)", Math.min(100.0, 100.0 * done / total)));
            }
        }
        out.append(", ").append(ByteFormat.bytes(rate)).append("/s");
        return out.toString();
    }

    private double rate() {
        double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    private void publish() {
        listener.progressed(new StageState.Progress(done, total, rate()), details());
    }
}

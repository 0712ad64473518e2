package io.orcagent.runtime.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the agent last talked successfully to orchestrator; the status endpoint reports BAD when that is
 * longer ago than {@code status-bad-seconds} (and before the first success).
 */
public final class Talkback {

    private final Clock clock;
    private final Duration badAfter;
    private final AtomicReference<Instant> last = new AtomicReference<>();

    /**
     * Creates the tracker.
     *
     * @param clock the clock
     * @param badAfter the {@code status-bad-seconds} threshold
     */
    public Talkback(Clock clock, Duration badAfter) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.badAfter = Objects.requireNonNull(badAfter, "badAfter is null");
    }

    /** Records a successful exchange now. */
    public void succeeded() {
        last.set(clock.instant());
    }

    /**
     * Whether the last success is recent enough.
     *
     * @return true when healthy
     */
    public boolean healthy() {
        Instant at = last.get();
        return at != null && Duration.between(at, clock.instant()).compareTo(badAfter) <= 0;
    }

    /**
     * The last success, if any.
     *
     * @return when
     */
    public java.util.Optional<Instant> lastSuccess() {
        return java.util.Optional.ofNullable(last.get());
    }
}

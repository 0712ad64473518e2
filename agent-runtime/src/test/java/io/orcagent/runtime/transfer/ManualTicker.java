package io.orcagent.runtime.transfer;

/** A clock that moves only when told to or when someone sleeps on it. */
final class ManualTicker implements BandwidthLimiter.Ticker {

    private long now = 1_000_000_000L;
    private long slept;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleepNanos(long nanos) {
        slept += nanos;
        now += nanos;
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }

    synchronized long slept() {
        return slept;
    }
}

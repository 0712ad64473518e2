package io.orcagent.runtime.transfer;

/**
 * Caps a byte rate: each {@link #acquire(int)} charges the bytes about to be sent against a schedule
 * that advances at the configured rate and sleeps until the schedule has caught up with them. Idle time
 * is banked only up to a short burst, so a pause in the producer does not turn into a long spike.
 */
final class BandwidthLimiter {

    /** Time source and sleeper; tests drive it by hand. */
    interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private static final long SECOND = 1_000_000_000L;
    /**
     * How much unused time may be made up at once after a stall (a slow producer, a busy machine): enough
     * that short stalls do not pull the average below the cap, short enough that a long pause does not
     * turn into a long spike at full speed.
     */
    static final long BURST_NANOS = 250_000_000L;
    private static final int MIN_CHUNK = 8 * 1024;

    private final long bytesPerSecond;
    private final Ticker ticker;
    private long scheduled;

    BandwidthLimiter(long bytesPerSecond, Ticker ticker) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("the rate must be positive, got " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.ticker = ticker;
        this.scheduled = ticker.nanoTime();
    }

    /**
     * Waits until {@code bytes} more may be sent.
     *
     * @param bytes the bytes about to be sent
     * @throws InterruptedException when interrupted while waiting
     */
    void acquire(int bytes) throws InterruptedException {
        long now = ticker.nanoTime();
        scheduled = Math.max(scheduled, now - BURST_NANOS) + bytes * SECOND / bytesPerSecond;
        long wait = scheduled - now;
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
    }

    /**
     * How many bytes to send at most between two waits: about 1/20 s worth, so a low cap still streams
     * smoothly.
     *
     * @param bytesPerSecond the cap
     * @param largest the largest chunk the caller handles
     * @return the chunk size
     */
    static int chunkSize(long bytesPerSecond, int largest) {
        return (int) Math.max(Math.min(MIN_CHUNK, largest), Math.min(largest, bytesPerSecond / 20));
    }
}

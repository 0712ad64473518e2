package io.orcagent.runtime.orchestrator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Spreads a fleet's calls to orchestrator ({@code hint-jitter}): each interval is stretched or shrunk
 * by a random fraction within ±{@code fraction}, the way the deployment guide's cron jobs
 * {@code sleep rand}.
 */
public final class Jitter {

    /** The first call after start waits at most this long (times the random draw). */
    static final Duration MAX_START_DELAY = Duration.ofSeconds(30);

    private final double fraction;
    private final DoubleSupplier random;

    /**
     * Creates the jitter.
     *
     * @param fraction between 0 and 1 (exclusive)
     * @param random draws uniformly from [0, 1)
     */
    public Jitter(double fraction, DoubleSupplier random) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1: " + fraction);
        }
        this.fraction = fraction;
        this.random = Objects.requireNonNull(random, "random is null");
    }

    /**
     * Jitter drawn from a real random source.
     *
     * @param fraction between 0 and 1 (exclusive)
     * @return the jitter
     */
    public static Jitter random(double fraction) {
        return new Jitter(fraction, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A randomised interval.
     *
     * @param interval the configured interval
     * @return within [interval × (1 − fraction), interval × (1 + fraction)], at least one millisecond
     */
    public Duration apply(Duration interval) {
        double factor = 1 + fraction * (2 * draw() - 1);
        long millis = Math.round(interval.toMillis() * factor);
        return Duration.ofMillis(Math.max(1, millis));
    }

    /**
     * How long to wait before the first call after start, so that agents restarted together (a
     * configuration roll-out) do not call together.
     *
     * @param interval the configured interval
     * @return within [0, min(interval × fraction, 30s))
     */
    public Duration startDelay(Duration interval) {
        Duration spread = interval.multipliedBy(Math.round(fraction * 1000)).dividedBy(1000);
        if (spread.compareTo(MAX_START_DELAY) > 0) {
            spread = MAX_START_DELAY;
        }
        return Duration.ofMillis((long) (spread.toMillis() * draw()));
    }

    private double draw() {
        double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            throw new IllegalStateException("random source must draw from [0, 1): " + r);
        }
        return r;
    }
}

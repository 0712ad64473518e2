package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JitterTest {

    private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

    @Test
    void theLowestDrawShrinksTheIntervalByTheWholeFraction() {
        assertThat(new Jitter(0.2, () -> 0.0).apply(TWO_MINUTES)).isEqualTo(Duration.ofSeconds(96));
    }

    @Test
    void theMiddleDrawKeepsTheInterval() {
        assertThat(new Jitter(0.2, () -> 0.5).apply(TWO_MINUTES)).isEqualTo(TWO_MINUTES);
    }

    @Test
    void theHighestDrawStretchesTheIntervalByAtMostTheFraction() {
        Duration stretched = new Jitter(0.2, () -> Math.nextDown(1.0)).apply(TWO_MINUTES);

        assertThat(stretched).isGreaterThan(Duration.ofMillis(143_900)).isLessThanOrEqualTo(Duration.ofSeconds(144));
    }

    @Test
    void realDrawsStayWithinThePlusMinusBoundsAndSpreadAcrossThem() {
        Jitter jitter = Jitter.random(0.2);
        List<Duration> drawn = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            drawn.add(jitter.apply(TWO_MINUTES));
        }

        assertThat(drawn).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144)));
        assertThat(drawn).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(100)));
        assertThat(drawn).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(140)));
    }

    @Test
    void noJitterKeepsTheIntervalExactly() {
        assertThat(Jitter.random(0).apply(Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void theStartDelayIsAtMostTheJitterShareOfTheInterval() {
        assertThat(new Jitter(0.2, () -> Math.nextDown(1.0)).startDelay(TWO_MINUTES))
                .isLessThan(Duration.ofSeconds(24)).isGreaterThan(Duration.ofSeconds(23));
    }

    @Test
    void theStartDelayNeverExceedsThirtySeconds() {
        assertThat(new Jitter(0.2, () -> Math.nextDown(1.0)).startDelay(Duration.ofHours(24)))
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aFractionOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> new Jitter(1.0, () -> 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.orcagent.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BandwidthLimiterTest {

    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void bytesSentBackToBackTakeTheirTimeAtTheCap() throws Exception {
        BandwidthLimiter limiter = new BandwidthLimiter(MIB, ticker);

        for (int i = 0; i < 160; i++) {
            limiter.acquire(64 * 1024);
        }

        assertThat(ticker.slept()).isEqualTo(10 * SECOND);
    }

    @Test
    void timeSpentProducingCountsTowardsTheCap() throws Exception {
        BandwidthLimiter limiter = new BandwidthLimiter(MIB, ticker);

        for (int i = 0; i < 20; i++) {
            ticker.advance(SECOND / 10); // the producer needs 100 ms for each 50 KiB: slower than the cap
            limiter.acquire(50 * 1024);
        }

        assertThat(ticker.slept()).isZero();
    }

    @Test
    void aPauseBanksOnlyAShortBurst() throws Exception {
        BandwidthLimiter limiter = new BandwidthLimiter(MIB, ticker);
        ticker.advance(10 * SECOND);

        limiter.acquire((int) MIB);

        assertThat(ticker.slept()).isEqualTo(SECOND - BandwidthLimiter.BURST_NANOS);
    }

    @Test
    void theAverageRateHoldsWhenTheProducerIsSometimesFasterAndSometimesSlower() throws Exception {
        BandwidthLimiter limiter = new BandwidthLimiter(10 * MIB, ticker);
        long start = ticker.nanoTime();

        for (int i = 0; i < 1000; i++) {
            ticker.advance(i % 2 == 0 ? 0 : 20_000_000L); // bursts of 0 ms and 20 ms of producing
            limiter.acquire(128 * 1024);
        }

        // 125 MiB at 10 MiB/s: 12.5 s whatever the producer's rhythm, plus at most its last 20 ms step
        assertThat(ticker.nanoTime() - start).isBetween(12_500_000_000L, 12_520_000_000L);
    }

    @Test
    void theChunkIsAboutATwentiethOfASecondAtTheCap() {
        assertThat(BandwidthLimiter.chunkSize(100 * MIB, 1 << 20)).isEqualTo(1 << 20);
        assertThat(BandwidthLimiter.chunkSize(MIB, 1 << 20)).isEqualTo(52_428);
        assertThat(BandwidthLimiter.chunkSize(1000, 1 << 20)).isEqualTo(8192);
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThatThrownBy(() -> new BandwidthLimiter(0, ticker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the rate must be positive, got 0");
    }
}

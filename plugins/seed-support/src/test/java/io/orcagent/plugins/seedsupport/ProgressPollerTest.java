package io.orcagent.plugins.seedsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.orcagent.plugins.seedsupport.testing.RecordingProgressSink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressPollerTest {

    @Test
    void reportsTheGrowingFigureWhileRunning() throws InterruptedException {
        RecordingProgressSink sink = new RecordingProgressSink();
        AtomicLong bytes = new AtomicLong();
        ProgressPoller poller = ProgressPoller.start(sink, bytes::get, 1000, Duration.ofMillis(10));
        for (int i = 1; i <= 5; i++) {
            bytes.set(i * 100L);
            Thread.sleep(40);
        }
        poller.close();
        assertThat(sink.reports()).extracting(RecordingProgressSink.Report::done).isSorted().contains(500L);
        assertThat(sink.reports()).extracting(RecordingProgressSink.Report::done).hasSizeGreaterThan(2);
    }

    @Test
    void closingSendsTheFinalFigure() {
        RecordingProgressSink sink = new RecordingProgressSink();
        ProgressPoller poller = ProgressPoller.start(sink, () -> 42, 100, Duration.ofHours(1));
        poller.close();
        assertThat(sink.reports()).containsExactly(new RecordingProgressSink.Report(42, 100));
    }

    @Test
    void anEstimateBelowTheBytesDoneIsReportedAsUnknown() {
        RecordingProgressSink sink = new RecordingProgressSink();
        ProgressPoller.start(sink, () -> 150, 100, Duration.ofHours(1)).close();
        assertThat(sink.reports()).containsExactly(new RecordingProgressSink.Report(150, -1));
    }
}

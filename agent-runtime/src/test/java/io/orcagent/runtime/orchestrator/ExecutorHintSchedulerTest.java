package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ExecutorHintSchedulerTest {

    @Test
    void jobsRunOnTheNamedVirtualThread() throws Exception {
        try (ExecutorHintScheduler scheduler = new ExecutorHintScheduler(Clock.systemUTC())) {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            scheduler.schedule(Duration.ZERO, () -> ran.complete(Thread.currentThread()));

            Thread thread = ran.get(10, TimeUnit.SECONDS);
            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.getName()).isEqualTo("orchestrator-hints");
        }
    }

    @Test
    void nowIsTheGivenClock() {
        Instant fixed = Instant.parse("2024-05-01T00:00:00Z");
        try (ExecutorHintScheduler scheduler = new ExecutorHintScheduler(Clock.fixed(fixed, ZoneOffset.UTC))) {
            assertThat(scheduler.now()).isEqualTo(fixed);
        }
    }

    @Test
    void schedulingAfterCloseIsANoOpForAJobThatFinishesDuringShutdown() {
        ExecutorHintScheduler scheduler = new ExecutorHintScheduler(Clock.systemUTC());
        scheduler.close();

        assertThatCode(() -> scheduler.schedule(Duration.ZERO, () -> { }).cancel()).doesNotThrowAnyException();
    }
}

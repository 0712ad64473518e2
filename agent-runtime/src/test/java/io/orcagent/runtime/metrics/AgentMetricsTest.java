package io.orcagent.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.orcagent.api.Stage;
import io.orcagent.runtime.plugins.PluginSnapshot;
import io.orcagent.runtime.seed.StageState;
import io.orcagent.runtime.seed.StageStatus;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final AgentMetrics metrics = new AgentMetrics(() -> PluginSnapshot.EMPTY);

    @Test
    void rendersCountersGaugesAndHistogramsInTheTextFormat() {
        metrics.observe("GET", "/api/x", 200, 2_000_000);
        metrics.observe("GET", "/api/x", 200, 2_000_000);
        metrics.stageStarted("Mysqldump", Stage.BACKUP);
        metrics.progressed("Mysqldump", Stage.BACKUP, new StageState.Progress(1024, 4096, 12.5));
        metrics.stageEnded("Mysqldump", Stage.BACKUP, StageStatus.Error, Duration.ofSeconds(2));

        String text = metrics.render();

        assertThat(text)
                .contains("# HELP orchestrator_agent_http_requests_total HTTP requests by method, route pattern and status.\n"
                        + "# TYPE orchestrator_agent_http_requests_total counter\n"
                        + "orchestrator_agent_http_requests_total{method=\"GET\",route=\"/api/x\",status=\"200\"} 2\n")
                .contains("orchestrator_agent_http_request_duration_seconds_bucket{route=\"/api/x\",le=\"0.005\"} 2\n"
                        + "orchestrator_agent_http_request_duration_seconds_bucket{route=\"/api/x\",le=\"0.01\"} 2\n")
                .contains("orchestrator_agent_http_request_duration_seconds_sum{route=\"/api/x\"} 0.004\n")
                .contains("# TYPE orchestrator_agent_seed_stages_running gauge\n"
                        + "orchestrator_agent_seed_stages_running{method=\"Mysqldump\",stage=\"Backup\"} 0\n")
                .contains("orchestrator_agent_seed_stage_bytes{method=\"Mysqldump\",stage=\"Backup\"} 1024\n")
                .contains("orchestrator_agent_seed_stage_bytes_per_second{method=\"Mysqldump\",stage=\"Backup\"} 12.5\n")
                .contains("# TYPE orchestrator_agent_seeds_total counter\n"
                        + "orchestrator_agent_seeds_total{method=\"Mysqldump\",outcome=\"failed\"} 1\n")
                .contains("orchestrator_agent_seed_stage_duration_seconds_count{method=\"Mysqldump\",stage=\"Backup\","
                        + "status=\"Error\"} 1\n")
                .contains("# TYPE orchestrator_agent_plugins gauge\n"
                        + "orchestrator_agent_plugins{state=\"disabled\"} 0\n"
                        + "orchestrator_agent_plugins{state=\"failed\"} 0\n"
                        + "orchestrator_agent_plugins{state=\"misconfigured\"} 0\n"
                        + "orchestrator_agent_plugins{state=\"started\"} 0\n")
                .contains("# TYPE orchestrator_agent_plugins_failed gauge\norchestrator_agent_plugins_failed 0\n");
    }

    /**
     * Writers keep setting a gauge (never to 0) and adding to another, and several threads render at the
     * same time: every render must show every plugin state and the gauge's value, never a half-done set.
     */
    @Test
    void concurrentWritesAndRendersNeverShowAHalfDoneValueOrMissingSeries() throws InterruptedException {
        metrics.progressed("Mysqldump", Stage.BACKUP, new StageState.Progress(1000, 2000, 10));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long done = 1000 * (w + 1);
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                while (!stop.get()) {
                    metrics.progressed("Mysqldump", Stage.BACKUP, new StageState.Progress(done, 2000, 10));
                }
            }));
        }
        List<Thread> renderers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            renderers.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < 3000 && bad.size() < 5; i++) {
                    String text = metrics.render();
                    boolean ok = (text.contains("orchestrator_agent_seed_stage_bytes{method=\"Mysqldump\",stage=\"Backup\"} 1000\n")
                            || text.contains("orchestrator_agent_seed_stage_bytes{method=\"Mysqldump\",stage=\"Backup\"} 2000\n"))
                            && text.contains("orchestrator_agent_plugins{state=\"disabled\"} 0\n")
                            && text.contains("orchestrator_agent_plugins{state=\"failed\"} 0\n")
                            && text.contains("orchestrator_agent_plugins{state=\"misconfigured\"} 0\n")
                            && text.contains("orchestrator_agent_plugins{state=\"started\"} 0\n");
                    if (!ok) {
                        bad.add(text);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread t : renderers) {
            t.join();
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(bad).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

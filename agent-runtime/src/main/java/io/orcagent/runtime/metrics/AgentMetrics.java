package io.orcagent.runtime.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.orcagent.api.Stage;
import io.orcagent.runtime.plugins.PluginSnapshot;
import io.orcagent.runtime.plugins.PluginState;
import io.orcagent.runtime.seed.SeedListener;
import io.orcagent.runtime.seed.StageState;
import io.orcagent.runtime.seed.StageStatus;

/**
 * The agent's metrics: fed by the router (requests) and the seed engine (stages), rendered for
 * {@code GET /metrics}. Knows nothing of the HTTP server: the wiring hands {@link #observe} to the router as
 * its request observer, so {@code metrics} does not depend on {@code http} (which serves it).
 */
public final class AgentMetrics implements SeedListener {

    private static final String PREFIX = "orchestrator_agent_";

    private final Counter requests = new Counter(PREFIX + "http_requests_total",
            "HTTP requests by method, route pattern and status.", "method", "route", "status");
    private final Histogram requestSeconds = new Histogram(PREFIX + "http_request_duration_seconds",
            "HTTP request handling time.", new double[] {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30},
            "route");
    private final Histogram stageSeconds = new Histogram(PREFIX + "seed_stage_duration_seconds",
            "Seed stage durations by method, stage and final status.",
            new double[] {1, 10, 60, 300, 900, 3600, 10800, 43200}, "method", "stage", "status");
    private final Gauge stagesRunning = new Gauge(PREFIX + "seed_stages_running",
            "Seed stages running now.", "method", "stage");
    private final Counter outcomes = new Counter(PREFIX + "seeds_total",
            "Seeds this agent finished, by method and outcome (completed: Cleanup completed; failed: a stage ended in error).",
            "method", "outcome");
    private final Gauge seedBytes = new Gauge(PREFIX + "seed_stage_bytes",
            "Bytes processed by the running (or last) stage of each method.", "method", "stage");
    private final Gauge seedRate = new Gauge(PREFIX + "seed_stage_bytes_per_second",
            "Average rate of the running (or last) stage of each method.", "method", "stage");
    private final Gauge pluginFailures = new Gauge(PREFIX + "plugins_failed",
            "Plugins that failed to load or are misconfigured.");
    private final Gauge pluginsLoaded = new Gauge(PREFIX + "plugins",
            "Plugins by state.", "state");
    private final Supplier<PluginSnapshot> plugins;
    private final List<Family> families;

    /**
     * Creates the metrics.
     *
     * @param plugins the current plugins (for the plugin gauges)
     */
    public AgentMetrics(Supplier<PluginSnapshot> plugins) {
        this.plugins = plugins;
        this.families = List.of(requests, requestSeconds, stagesRunning, stageSeconds, outcomes, seedBytes, seedRate,
                pluginsLoaded, pluginFailures);
    }

    /**
     * Records one answered request (the router's request observer).
     *
     * @param method HTTP method
     * @param route the matched route pattern, or {@code unmatched}
     * @param status the response status
     * @param nanos time spent
     */
    public void observe(String method, String route, int status, long nanos) {
        requests.inc(Labels.of(method, route, Integer.toString(status)));
        requestSeconds.observe(Labels.of(route), nanos / 1e9);
    }

    @Override
    public void stageStarted(String method, Stage stage) {
        stagesRunning.add(Labels.of(method, stage.wireName()), 1);
        seedBytes.set(Labels.of(method, stage.wireName()), 0);
        seedRate.set(Labels.of(method, stage.wireName()), 0);
    }

    @Override
    public void stageEnded(String method, Stage stage, StageStatus status, Duration took) {
        stagesRunning.add(Labels.of(method, stage.wireName()), -1);
        stageSeconds.observe(Labels.of(method, stage.wireName(), status.name()), took.toNanos() / 1e9);
        if (status == StageStatus.Error) {
            outcomes.inc(Labels.of(method, "failed"));
        } else if (stage == Stage.CLEANUP) {
            outcomes.inc(Labels.of(method, "completed"));
        }
    }

    @Override
    public void progressed(String method, Stage stage, StageState.Progress progress) {
        seedBytes.set(Labels.of(method, stage.wireName()), progress.done());
        seedRate.set(Labels.of(method, stage.wireName()), progress.bytesPerSecond());
    }

    /**
     * Renders every family. The plugin gauges are set from the current snapshot first, every state each
     * time (a state with no plugin shows 0), so concurrent renders never see a state missing.
     *
     * @return the exposition text
     */
    public String render() {
        PluginSnapshot snapshot = plugins.get();
        for (PluginState state : PluginState.values()) {
            pluginsLoaded.set(Labels.of(state.name().toLowerCase(Locale.ROOT)),
                    snapshot.plugins().stream().filter(p -> p.state() == state).count());
        }
        pluginFailures.set(Labels.of(), snapshot.failed().size());
        StringBuilder out = new StringBuilder(4096);
        families.forEach(f -> f.write(out));
        return out.toString();
    }
}

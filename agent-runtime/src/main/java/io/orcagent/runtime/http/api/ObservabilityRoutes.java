package io.orcagent.runtime.http.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.metrics.AgentMetrics;
import io.orcagent.runtime.plugins.PluginSnapshot;

/**
 * {@code GET /metrics} (Prometheus text format), {@code GET /health/live} (the process serves) and
 * {@code GET /health/ready} (at least one seed method is offered). No secrets in any of them; the
 * server-wide guards (basic auth, client certificates) still apply.
 */
public final class ObservabilityRoutes implements RouteSet {

    private final AgentMetrics metrics;
    private final Supplier<PluginSnapshot> plugins;

    /**
     * Creates the routes.
     *
     * @param metrics the metrics
     * @param plugins the current plugins
     */
    public ObservabilityRoutes(AgentMetrics metrics, Supplier<PluginSnapshot> plugins) {
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
        this.plugins = Objects.requireNonNull(plugins, "plugins is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/metrics", Access.PUBLIC, (req, p) -> new WireResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.render().getBytes(StandardCharsets.UTF_8), Map.of()));
        router.get("/health/live", Access.PUBLIC, (req, p) -> WireResponse.json(Map.of("status", "UP")));
        router.get("/health/ready", Access.PUBLIC, (req, p) -> {
            PluginSnapshot snapshot = plugins.get();
            Map<String, Object> body = new LinkedHashMap<>();
            boolean ready = !snapshot.seedMethods().isEmpty();
            body.put("status", ready ? "UP" : "DOWN");
            body.put("seedMethods", snapshot.seedMethods().keySet());
            body.put("failedPlugins", snapshot.failed().stream().map(s -> s.id()).toList());
            return WireResponse.json(ready ? 200 : 503, body);
        });
    }
}

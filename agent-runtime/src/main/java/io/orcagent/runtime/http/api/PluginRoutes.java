package io.orcagent.runtime.http.api;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.plugins.PluginSnapshot;

/**
 * {@code GET /api/plugins} lists plugins with versions, state, errors and what they offer;
 * {@code POST /api/plugins/reload} reloads them from disk when no seed stage runs.
 */
public final class PluginRoutes implements RouteSet {

    private final Supplier<PluginSnapshot> snapshot;
    private final Supplier<PluginSnapshot> reload;
    private final BooleanSupplier seedRunning;

    /**
     * Creates the routes.
     *
     * @param snapshot the current plugins
     * @param reload reloads and returns the new plugins
     * @param seedRunning whether a seed stage runs now
     */
    public PluginRoutes(Supplier<PluginSnapshot> snapshot, Supplier<PluginSnapshot> reload, BooleanSupplier seedRunning) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot is null");
        this.reload = Objects.requireNonNull(reload, "reload is null");
        this.seedRunning = Objects.requireNonNull(seedRunning, "seedRunning is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/plugins", Access.TOKEN, (req, p) -> WireResponse.json(snapshot.get().plugins()));
        router.post("/api/plugins/reload", Access.TOKEN, (req, p) -> {
            if (seedRunning.getAsBoolean()) {
                throw new AgentHttpException("Refusing to reload plugins while a seed stage is running");
            }
            return WireResponse.json(reload.get().plugins());
        });
    }
}

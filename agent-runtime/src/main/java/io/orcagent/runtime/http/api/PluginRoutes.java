package io.orcagent.runtime.http.api;

import java.util.Objects;
import java.util.function.Supplier;

import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.plugins.PluginSnapshot;

/**
 * {@code GET /api/plugins} lists plugins with versions, state, errors and what they offer;
 * {@code POST /api/plugins/reload} reloads them from disk. Whether that is safe is the plugin host's to
 * decide (it waits for plugin calls in flight, or refuses): the reload supplier throws a wire error then.
 */
public final class PluginRoutes implements RouteSet {

    private final Supplier<PluginSnapshot> snapshot;
    private final Supplier<PluginSnapshot> reload;

    /**
     * Creates the routes.
     *
     * @param snapshot the current plugins
     * @param reload reloads and returns the new plugins, or throws an
     *     {@link io.orcagent.runtime.http.AgentHttpException} saying why it refused
     */
    public PluginRoutes(Supplier<PluginSnapshot> snapshot, Supplier<PluginSnapshot> reload) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot is null");
        this.reload = Objects.requireNonNull(reload, "reload is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/plugins", Access.TOKEN, (req, p) -> WireResponse.json(snapshot.get().plugins()));
        router.post("/api/plugins/reload", Access.TOKEN, (req, p) -> WireResponse.json(reload.get().plugins()));
    }
}

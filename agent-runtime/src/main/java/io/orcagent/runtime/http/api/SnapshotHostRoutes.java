package io.orcagent.runtime.http.api;

import java.util.Objects;

import io.orcagent.runtime.agent.SnapshotView;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;

/**
 * Legacy polling routes listing hosts with snapshots (the operator's configured commands).
 */
public final class SnapshotHostRoutes implements RouteSet {

    private final SnapshotView snapshots;

    /**
     * Creates the routes.
     *
     * @param snapshots snapshot facts
     */
    public SnapshotHostRoutes(SnapshotView snapshots) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/available-snapshots-local", Access.TOKEN,
                (req, params) -> WireResponse.json(snapshots.localSnapshotHosts()));
        router.get("/api/available-snapshots", Access.TOKEN,
                (req, params) -> WireResponse.json(snapshots.snapshotHosts()));
    }
}

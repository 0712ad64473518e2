package io.orcagent.runtime.http.api;

import java.util.Objects;
import java.util.function.Supplier;

import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.AgentHttpException;
import io.orcagent.runtime.http.RouteHandler;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.orchestrator.DowntimeSwitch;

/**
 * Continuous downtime at runtime ({@code agentctl downtime on|off|status}): {@code GET /api/downtime}
 * shows the state, {@code POST /api/downtime/on} and {@code POST /api/downtime/off} switch it until the
 * agent restarts. All need the agent token. Without {@code orchestrator.api-url} the routes answer an
 * error that says so.
 */
public final class DowntimeRoutes implements RouteSet {

    static final String UNAVAILABLE = "continuous downtime needs orchestrator.api-url (orchestrator's main API)"
            + " in the agent's configuration";

    private final DowntimeSwitch downtime;

    /**
     * Creates the routes.
     *
     * @param downtime the switch
     */
    public DowntimeRoutes(DowntimeSwitch downtime) {
        this.downtime = Objects.requireNonNull(downtime, "downtime is null");
    }

    private DowntimeRoutes() {
        this.downtime = null;
    }

    /**
     * The routes of an agent without {@code api-url}: each answers an error naming the missing key.
     *
     * @return the routes
     */
    public static DowntimeRoutes unavailable() {
        return new DowntimeRoutes();
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/downtime", Access.TOKEN, handle(() -> downtime.downtimeState()));
        router.post("/api/downtime/on", Access.TOKEN, handle(() -> downtime.turnDowntime(true)));
        router.post("/api/downtime/off", Access.TOKEN, handle(() -> downtime.turnDowntime(false)));
    }

    private RouteHandler handle(Supplier<Object> action) {
        return (req, params) -> {
            if (downtime == null) {
                throw new AgentHttpException(UNAVAILABLE);
            }
            return WireResponse.json(action.get());
        };
    }
}

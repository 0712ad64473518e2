package io.orcagent.runtime.http.api;

import java.util.Objects;

import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;

/**
 * The unauthenticated health route at the configured {@code status-endpoint}: {@code "OK"} while the
 * agent talks to orchestrator, {@code "BAD"} with HTTP 500 when it has not for {@code status-bad-seconds}.
 */
public final class StatusRoutes implements RouteSet {

    private final String path;
    private final Talkback talkback;

    /**
     * Creates the routes.
     *
     * @param path the configured status endpoint
     * @param talkback the talkback tracker
     */
    public StatusRoutes(String path, Talkback talkback) {
        this.path = Objects.requireNonNull(path, "path is null");
        this.talkback = Objects.requireNonNull(talkback, "talkback is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get(path, Access.PUBLIC, (req, params) ->
                talkback.healthy() ? WireResponse.json("OK") : WireResponse.json(500, "BAD"));
    }
}

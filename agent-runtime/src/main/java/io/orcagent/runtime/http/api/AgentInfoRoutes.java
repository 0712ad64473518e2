package io.orcagent.runtime.http.api;

import java.util.Objects;

import io.orcagent.runtime.agent.AgentDataService;
import io.orcagent.runtime.agent.AgentIdentity;
import io.orcagent.runtime.http.Access;
import io.orcagent.runtime.http.RouteSet;
import io.orcagent.runtime.http.TokenGuard;
import io.orcagent.runtime.http.WireResponse;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.wire.AgentInfo;

/**
 * Who the agent is: get-agent-info (the token only to callers who already present it — the Go agent
 * leaked it to anyone), hostname (legacy), get-agent-data.
 */
public final class AgentInfoRoutes implements RouteSet {

    private final AgentIdentity identity;
    private final TokenGuard tokenGuard;
    private final AgentDataService data;

    /**
     * Creates the routes.
     *
     * @param identity the agent identity
     * @param tokenGuard decides whether the caller may see the token
     * @param data the get-agent-data service
     */
    public AgentInfoRoutes(AgentIdentity identity, TokenGuard tokenGuard, AgentDataService data) {
        this.identity = Objects.requireNonNull(identity, "identity is null");
        this.tokenGuard = Objects.requireNonNull(tokenGuard, "tokenGuard is null");
        this.data = Objects.requireNonNull(data, "data is null");
    }

    @Override
    public void register(WireRouter.Builder router) {
        router.get("/api/get-agent-info", Access.PUBLIC, (req, params) -> WireResponse.json(new AgentInfo(
                identity.hostname(), identity.port(),
                tokenGuard.accepts(req) ? identity.token().value() : "", identity.mysqlPort())));
        router.get("/api/hostname", Access.PUBLIC, (req, params) -> WireResponse.json(identity.hostname()));
        router.get("/api/get-agent-data", Access.TOKEN, (req, params) -> WireResponse.json(data.collect()));
    }
}

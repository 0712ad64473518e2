package io.orcagent.runtime.orchestrator;

import java.net.URI;
import java.util.Objects;

/**
 * One orchestrator server's agents listener, e.g. {@code http://orch1:3001}.
 *
 * @param base scheme, host and agents port, without a path
 */
public record OrchestratorNode(URI base) {

    /**
     * Validates.
     *
     * @param base the base URI
     */
    public OrchestratorNode {
        Objects.requireNonNull(base, "base is null");
    }

    /**
     * The node for a configured {@code url} and {@code agents-port}.
     *
     * @param url scheme and host
     * @param agentsPort the agents port
     * @return the node
     */
    public static OrchestratorNode of(URI url, int agentsPort) {
        return new OrchestratorNode(URI.create(url.getScheme() + "://" + url.getHost() + ":" + agentsPort));
    }

    /**
     * An absolute URI under this node.
     *
     * @param pathAndQuery e.g. {@code /api/agent-ping}
     * @return the URI
     */
    public URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}

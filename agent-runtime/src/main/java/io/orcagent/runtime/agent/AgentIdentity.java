package io.orcagent.runtime.agent;

import java.util.Objects;

/**
 * How the agent presents itself to orchestrator ({@code Info} on the wire).
 *
 * @param hostname the registered hostname (also the MySQL host orchestrator connects to)
 * @param port the agent's HTTP port
 * @param token the agent's token
 * @param mysqlPort the local MySQL port
 */
public record AgentIdentity(String hostname, int port, AgentToken token, int mysqlPort) {

    /**
     * Validates.
     *
     * @param hostname hostname
     * @param port port
     * @param token token
     * @param mysqlPort MySQL port
     */
    public AgentIdentity {
        Objects.requireNonNull(hostname, "hostname is null");
        Objects.requireNonNull(token, "token is null");
    }
}

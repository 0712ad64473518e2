package io.orcagent.api;

import java.util.Objects;

/**
 * The other host of a seed.
 *
 * @param host a validated host name or IP literal
 * @param mysqlPort the MySQL port orchestrator passed (the source's MySQL port)
 */
public record Peer(String host, int mysqlPort) {

    /**
     * Validates.
     *
     * @param host host name
     * @param mysqlPort port
     */
    public Peer {
        Objects.requireNonNull(host, "host is null");
        if (mysqlPort < 1 || mysqlPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + mysqlPort);
        }
    }
}

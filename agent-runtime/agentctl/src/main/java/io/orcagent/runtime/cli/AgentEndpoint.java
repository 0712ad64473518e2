package io.orcagent.runtime.cli;

import java.util.Objects;

/**
 * Where an agent listens and how to authenticate to it.
 *
 * @param host host name or address
 * @param port agent HTTP port
 * @param token the agent's token (from its hint file or the environment; never from argv)
 * @param https whether it serves HTTPS
 */
public record AgentEndpoint(String host, int port, String token, boolean https) {

    /**
     * Validates.
     *
     * @param host host
     * @param port port
     * @param token token
     * @param https https
     */
    public AgentEndpoint {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(token, "token is null");
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @param hostPort the text
     * @param token the token
     * @param https whether HTTPS
     * @return the endpoint
     */
    public static AgentEndpoint parse(String hostPort, String token, boolean https) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
        return new AgentEndpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), token,
                https);
    }

    /**
     * The base URL.
     *
     * @return e.g. {@code http://127.0.0.2:3002}
     */
    public String base() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (https ? "https://" : "http://") + h + ":" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

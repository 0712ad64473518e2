package io.orcagent.runtime.orchestrator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A MySQL server as orchestrator names it: the agent's registered hostname and the local MySQL port.
 *
 * @param hostname the registered hostname ({@code common.hostname})
 * @param port the MySQL port ({@code mysql.port})
 */
public record InstanceKey(String hostname, int port) {

    /**
     * Validates: orchestrator decodes its path before routing, so a hostname with {@code /}, {@code ?},
     * {@code #}, white space or control characters could never reach the right route.
     *
     * @param hostname hostname
     * @param port port
     */
    public InstanceKey {
        Objects.requireNonNull(hostname, "hostname is null");
        if (hostname.isEmpty() || hostname.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#'
                || c == '\\' || c == 0x7f)) {
            throw new IllegalArgumentException("hostname cannot be used in orchestrator's API: \"" + hostname + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }

    /**
     * The {@code :host/:port} part of orchestrator's API paths, URL-encoded.
     *
     * @return e.g. {@code db1.example.com/3306}
     */
    public String pathSegments() {
        return segment(hostname) + "/" + port;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return hostname + ":" + port;
    }
}

package io.orcagent.runtime.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code Info}: the registration body and the reply of get-agent-info.
 *
 * @param hostname registered hostname
 * @param port agent HTTP port
 * @param token the token (empty in unauthenticated replies)
 * @param mysqlPort local MySQL port
 */
public record AgentInfo(@JsonProperty("Hostname") String hostname, @JsonProperty("Port") int port,
                        @JsonProperty("Token") String token, @JsonProperty("MySQLPort") int mysqlPort) {
}

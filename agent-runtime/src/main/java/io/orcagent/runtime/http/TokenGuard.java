package io.orcagent.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.runtime.agent.AgentToken;

/**
 * Checks the agent token: from the configured header when the request carries it, otherwise from the
 * {@code token} query parameter (orchestrator always uses the query). Compared in constant time.
 */
public final class TokenGuard {

    private final AgentToken token;
    private final String headerName;

    /**
     * Creates the guard.
     *
     * @param token the agent's token
     * @param headerName the configured {@code token-http-header}, empty for none
     */
    public TokenGuard(AgentToken token, String headerName) {
        this.token = Objects.requireNonNull(token, "token is null");
        this.headerName = Objects.requireNonNull(headerName, "headerName is null");
    }

    /**
     * Whether the request presents the token.
     *
     * @param request the request
     * @return true when it matches
     */
    public boolean accepts(WireRequest request) {
        Optional<String> presented = Optional.empty();
        if (!headerName.isEmpty()) {
            presented = request.header().apply(headerName).filter(v -> !v.isEmpty());
        }
        if (presented.isEmpty()) {
            presented = request.queryParam("token");
        }
        return presented.map(this::matches).orElse(false);
    }

    private boolean matches(String presented) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.value().getBytes(StandardCharsets.UTF_8));
    }
}

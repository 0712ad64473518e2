package io.orcagent.runtime.orchestrator;

import java.net.URI;
import java.util.Objects;

/**
 * One orchestrator server's main API (where its web interface and {@code /api/...} live, port 3000 by
 * default), e.g. {@code http://orc1.example.com:3000} or, with a {@code URLPrefix},
 * {@code http://orc1.example.com:3000/orchestrator}.
 *
 * @param base scheme, host, optional port and optional prefix, without a trailing slash and without
 *     credentials
 */
public record OrchestratorApiNode(URI base) {

    /**
     * Validates.
     *
     * @param base the base URI
     */
    public OrchestratorApiNode {
        Objects.requireNonNull(base, "base is null");
        if (base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an API base URL must not carry credentials");
        }
    }

    /**
     * An absolute URI under this node.
     *
     * @param path e.g. {@code /api/leader-check}
     * @return the URI
     */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}

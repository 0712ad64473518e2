package io.orcagent.runtime.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [orchestrator]} section.
 *
 * @param urls {@code url}: one or more orchestrator nodes (several for orchestrator/raft), each
 *     {@code scheme://host} with no port and no path, in file order
 * @param agentsPort {@code agents-port}: orchestrator's agents port (default 3001)
 * @param api {@code api}: which orchestrator API to speak (default {@link ApiFlavour#AUTO})
 * @param hints self-discovery, promotion rule and continuous downtime through orchestrator's main API;
 *     empty when {@code api-url} is not set
 */
public record OrchestratorConfig(List<URI> urls, int agentsPort, ApiFlavour api,
                                 Optional<OrchestratorHintsConfig> hints) {

    /** Default {@code agents-port}. */
    public static final int DEFAULT_AGENTS_PORT = 3001;

    /**
     * Validates and copies.
     *
     * @param urls at least one URL
     * @param agentsPort agents port
     * @param api API flavour
     * @param hints main-API hints, or empty
     */
    public OrchestratorConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one orchestrator url is required");
        }
        Objects.requireNonNull(api, "api is null");
        Objects.requireNonNull(hints, "hints is null");
    }

    /**
     * A configuration without main-API hints (no {@code api-url}).
     *
     * @param urls at least one URL
     * @param agentsPort agents port
     * @param api API flavour
     */
    public OrchestratorConfig(List<URI> urls, int agentsPort, ApiFlavour api) {
        this(urls, agentsPort, api, Optional.empty());
    }

    /**
     * The base URIs the agent calls: each url with {@link #agentsPort()}, e.g.
     * {@code http://orchestrator.example.com:3001}.
     *
     * @return one base URI per configured url, in file order
     */
    public List<URI> agentEndpoints() {
        return urls.stream()
                .map(u -> URI.create(u.getScheme() + "://" + u.getRawAuthority() + ":" + agentsPort))
                .toList();
    }
}

package io.orcagent.runtime.orchestrator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.config.OrchestratorHintsConfig;
import io.orcagent.runtime.config.PromotionRule;
import io.orcagent.runtime.orchestrator.OrchestratorApiException.Kind;
import io.orcagent.runtime.wire.GoJson;

/**
 * Calls orchestrator's main API (the {@code orchestrator-client} routes, not the agents listener):
 * {@code leader-check}, {@code discover}, {@code register-candidate}, {@code begin-downtime} and
 * {@code end-downtime}, with HTTP Basic auth when configured. Credentials travel only in the
 * {@code Authorization} header; messages name the node and the call, never a credential.
 */
public final class OrchestratorApi {

    private static final int MAX_MESSAGE = 300;

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<ApiCredentials> credentials;

    /**
     * Creates the client.
     *
     * @param http the HTTP client (TLS settings applied by the caller)
     * @param timeout per-request timeout ({@code http-timeout})
     * @param credentials Basic auth for every call, or empty
     */
    public OrchestratorApi(HttpClient http, Duration timeout, Optional<ApiCredentials> credentials) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.credentials = Objects.requireNonNull(credentials, "credentials is null");
    }

    /**
     * Asks a node whether it is the leader ({@code GET /api/leader-check}: 200 "OK" on the leader, 404
     * "Not leader" elsewhere).
     *
     * @param node the node
     * @return true when it answered 200
     * @throws OrchestratorApiException when it cannot be reached, or refuses the credentials (401/403)
     * @throws InterruptedException when interrupted
     */
    public boolean isLeader(OrchestratorApiNode node) throws OrchestratorApiException, InterruptedException {
        HttpResponse<String> response = send(node, "/api/leader-check", "leader-check");
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw authRefused(node, "leader-check", response.statusCode());
        }
        return response.statusCode() == 200;
    }

    /**
     * Asks orchestrator to discover an instance ({@code GET /api/discover/:host/:port}).
     *
     * @param node the node
     * @param instance the local MySQL
     * @return orchestrator's message
     * @throws OrchestratorApiException when it fails
     * @throws InterruptedException when interrupted
     */
    public String discover(OrchestratorApiNode node, InstanceKey instance)
            throws OrchestratorApiException, InterruptedException {
        return call(node, "/api/discover/" + instance.pathSegments(), "discover");
    }

    /**
     * Announces a promotion rule ({@code GET /api/register-candidate/:host/:port/:promotionRule}).
     *
     * @param node the node
     * @param instance the local MySQL
     * @param rule the rule
     * @return orchestrator's message
     * @throws OrchestratorApiException when it fails
     * @throws InterruptedException when interrupted
     */
    public String registerCandidate(OrchestratorApiNode node, InstanceKey instance, PromotionRule rule)
            throws OrchestratorApiException, InterruptedException {
        return call(node, "/api/register-candidate/" + instance.pathSegments() + "/" + rule.wireName(),
                "register-candidate");
    }

    /**
     * Downtimes an instance, replacing any downtime it has
     * ({@code GET /api/begin-downtime/:host/:port/:owner/:reason/:duration}).
     *
     * @param node the node
     * @param instance the local MySQL
     * @param owner the owner, matching {@link OrchestratorHintsConfig#SAFE_TEXT}
     * @param reason the reason, matching {@link OrchestratorHintsConfig#SAFE_TEXT}
     * @param duration whole seconds, at least one
     * @return orchestrator's message
     * @throws OrchestratorApiException when it fails
     * @throws InterruptedException when interrupted
     * @throws IllegalArgumentException when owner, reason or duration cannot be sent (nothing is sent)
     */
    public String beginDowntime(OrchestratorApiNode node, InstanceKey instance, String owner, String reason,
                                Duration duration) throws OrchestratorApiException, InterruptedException {
        requireSafe("owner", owner);
        requireSafe("reason", reason);
        return call(node, "/api/begin-downtime/" + instance.pathSegments() + "/" + InstanceKey.segment(owner) + "/"
                + InstanceKey.segment(reason) + "/" + simpleTime(duration), "begin-downtime");
    }

    /**
     * Ends an instance's downtime ({@code GET /api/end-downtime/:host/:port}).
     *
     * @param node the node
     * @param instance the local MySQL
     * @return orchestrator's message
     * @throws OrchestratorApiException when it fails
     * @throws InterruptedException when interrupted
     */
    public String endDowntime(OrchestratorApiNode node, InstanceKey instance)
            throws OrchestratorApiException, InterruptedException {
        return call(node, "/api/end-downtime/" + instance.pathSegments(), "end-downtime");
    }

    /**
     * A duration in orchestrator's "simple time" format ({@code util.SimpleTimeToSeconds}: a whole
     * number followed by {@code s}, {@code m}, {@code h}, {@code d} or {@code w}).
     *
     * @param duration whole seconds, at least one
     * @return e.g. {@code "15m"}, {@code "2h"}, {@code "90s"}
     * @throws IllegalArgumentException when not a positive whole number of seconds
     */
    public static String simpleTime(Duration duration) {
        if (!duration.isPositive() || duration.toNanosPart() != 0) {
            throw new IllegalArgumentException("a downtime duration must be a positive whole number of seconds: "
                    + duration);
        }
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private String call(OrchestratorApiNode node, String path, String what)
            throws OrchestratorApiException, InterruptedException {
        HttpResponse<String> response = send(node, path, what);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw authRefused(node, what, status);
        }
        Optional<JsonNode> envelope = envelope(response.body());
        String code = envelope.map(e -> e.path("Code").asText()).orElse("");
        String message = envelope.map(e -> e.path("Message").asText()).orElse("");
        if (code.equals("ERROR")) {
            throw new OrchestratorApiException(Kind.REFUSED, "orchestrator " + node + " refused " + what + ": "
                    + shorten(message));
        }
        if (status >= 200 && status < 300 && code.equals("OK")) {
            return message;
        }
        throw new OrchestratorApiException(Kind.UNREACHABLE, "orchestrator " + node + " answered " + what
                + " with HTTP " + status + (envelope.isEmpty() ? " and no API response" : ""));
    }

    private HttpResponse<String> send(OrchestratorApiNode node, String path, String what)
            throws OrchestratorApiException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout).GET();
        credentials.ifPresent(c -> request.header("Authorization", c.header()));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OrchestratorApiException(Kind.UNREACHABLE, "cannot reach orchestrator " + node + " for " + what
                    + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static Optional<JsonNode> envelope(String body) {
        try {
            JsonNode node = GoJson.mapper().readTree(body);
            return node != null && node.isObject() && node.has("Code") ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static OrchestratorApiException authRefused(OrchestratorApiNode node, String what, int status) {
        return new OrchestratorApiException(Kind.REFUSED, "orchestrator " + node + " refused " + what + " with HTTP "
                + status + ": check orchestrator.api-user and api-password");
    }

    private static void requireSafe(String what, String text) {
        if (!OrchestratorHintsConfig.SAFE_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("downtime " + what + " may use only 1 to 128 letters, digits, spaces"
                    + " or _ . , : @ ( ) -");
        }
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE - 3) + "...";
    }
}

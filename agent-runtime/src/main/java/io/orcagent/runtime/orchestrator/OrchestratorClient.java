package io.orcagent.runtime.orchestrator;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.agent.AgentIdentity;
import io.orcagent.runtime.agent.ApiFlavourState.Flavour;
import io.orcagent.runtime.wire.AgentInfo;
import io.orcagent.runtime.wire.GoJson;

/**
 * Talks to orchestrator's agents listener: registration in both dialects and the heartbeat. Never
 * logs or returns URLs that carry the token.
 */
public final class OrchestratorClient {

    private final HttpClient http;
    private final Duration timeout;

    /**
     * Creates the client.
     *
     * @param http the HTTP client (TLS settings applied by the caller)
     * @param timeout per-request timeout ({@code http-timeout})
     */
    public OrchestratorClient(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
    }

    /**
     * Registers with the seed API ({@code POST /api/register-agent}).
     *
     * @param node the orchestrator node
     * @param identity the agent
     * @return accepted, or why not; a 404 says "not-found"
     * @throws InterruptedException when interrupted
     */
    public RegistrationResult registerSeed(OrchestratorNode node, AgentIdentity identity) throws InterruptedException {
        AgentInfo info = new AgentInfo(identity.hostname(), identity.port(), identity.token().value(),
                identity.mysqlPort());
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/api/register-agent"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GoJson.bytes(info)))
                .build();
        return interpret(send(request), Flavour.SEED);
    }

    /**
     * Registers with the legacy API ({@code GET /api/submit-agent/:host/:port/:token}).
     *
     * @param node the orchestrator node
     * @param identity the agent
     * @return accepted, or why not
     * @throws InterruptedException when interrupted
     */
    public RegistrationResult submitLegacy(OrchestratorNode node, AgentIdentity identity) throws InterruptedException {
        String path = "/api/submit-agent/" + segment(identity.hostname()) + "/" + identity.port() + "/"
                + identity.token().value();
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout).GET().build();
        return interpret(send(request), Flavour.LEGACY);
    }

    /**
     * Sends the heartbeat ({@code GET /api/agent-ping}).
     *
     * @param node the orchestrator node
     * @return true when orchestrator answered 2xx
     * @throws InterruptedException when interrupted
     */
    public boolean ping(OrchestratorNode node) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.resolve("/api/agent-ping")).timeout(timeout).GET().build();
        Reply reply = send(request);
        return reply.status() >= 200 && reply.status() < 300;
    }

    private RegistrationResult interpret(Reply reply, Flavour flavour) {
        if (reply.status() < 0) {
            return RegistrationResult.failed(reply.body());
        }
        if (reply.status() == 404) {
            return RegistrationResult.failed("not-found");
        }
        if (reply.status() < 200 || reply.status() >= 300) {
            return RegistrationResult.failed("HTTP " + reply.status());
        }
        // The seed fork answers 200 with an ERROR envelope when its call back to the agent fails.
        try {
            JsonNode body = GoJson.mapper().readTree(reply.body());
            if (body != null && body.isObject() && "ERROR".equals(body.path("Code").asText())) {
                return RegistrationResult.failed("orchestrator refused: " + body.path("Message").asText());
            }
        } catch (IOException notJson) {
            return RegistrationResult.failed("unexpected reply (not JSON)");
        }
        return RegistrationResult.accepted(flavour);
    }

    private Reply send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Reply(int status, String body) {
    }
}

package io.orcagent.runtime.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.wire.GoJson;

/**
 * Calls one agent's API with its token, as orchestrator does (token in the query string).
 */
public final class AgentClient {

    private final HttpClient http;
    private final AgentEndpoint endpoint;

    /**
     * Creates the client.
     *
     * @param http the JDK client
     * @param endpoint the agent
     */
    public AgentClient(HttpClient http, AgentEndpoint endpoint) {
        this.http = Objects.requireNonNull(http, "http is null");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint is null");
    }

    /**
     * The agent.
     *
     * @return its endpoint
     */
    public AgentEndpoint endpoint() {
        return endpoint;
    }

    /**
     * GETs a command and returns the body; HTTP 500 becomes an {@link AgentCallException} with the
     * envelope's message.
     *
     * @param command the path after {@code /api/}, with its own query if any
     * @return the reply
     * @throws AgentCallException when the agent answers an error or cannot be reached
     */
    public Reply get(String command) throws AgentCallException {
        return send(HttpRequest.newBuilder(uri(command)).GET());
    }

    /**
     * POSTs a command without a body.
     *
     * @param command the path after {@code /api/}
     * @return the reply
     * @throws AgentCallException on failure
     */
    public Reply post(String command) throws AgentCallException {
        return send(HttpRequest.newBuilder(uri(command)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * GETs a command and parses JSON.
     *
     * @param command the command
     * @return the JSON
     * @throws AgentCallException on failure
     */
    public JsonNode json(String command) throws AgentCallException {
        Reply reply = get(command);
        try {
            return GoJson.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new AgentCallException(endpoint + ": " + command + " did not answer JSON: " + reply.body());
        }
    }

    private URI uri(String command) {
        String separator = command.contains("?") ? "&" : "?";
        return URI.create(endpoint.base() + "/api/" + command + separator + "token=" + endpoint.token());
    }

    private Reply send(HttpRequest.Builder request) throws AgentCallException {
        String what = request.build().uri().getPath();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 500) {
                String message = response.body();
                try {
                    JsonNode node = GoJson.mapper().readTree(response.body());
                    if (node != null && node.has("Message")) {
                        message = node.get("Message").asText();
                    }
                } catch (IOException notJson) {
                    // keep the raw body
                }
                throw new AgentCallException(endpoint + " " + what + ": " + message);
            }
            if (response.statusCode() == 404 || response.statusCode() == 401) {
                throw new AgentCallException(endpoint + " " + what + ": HTTP " + response.statusCode() + " "
                        + response.body().strip());
            }
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AgentCallException("cannot reach agent " + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentCallException("interrupted");
        }
    }

    /**
     * An agent's reply.
     *
     * @param status HTTP status
     * @param body body text
     */
    public record Reply(int status, String body) {
    }

    /**
     * A failed agent call.
     */
    public static final class AgentCallException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed
         */
        public AgentCallException(String message) {
            super(message);
        }
    }
}

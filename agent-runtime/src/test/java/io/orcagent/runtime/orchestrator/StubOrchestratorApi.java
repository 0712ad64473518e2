package io.orcagent.runtime.orchestrator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one orchestrator node's main API: it records every request (path
 * as sent, Authorization header) and answers as orchestrator does — {@code leader-check} with 200
 * "OK" or 404 "Not leader", the hint routes with the {"Code":"OK"} envelope, or the ERROR envelope
 * with HTTP 500 when told to refuse.
 */
final class StubOrchestratorApi implements AutoCloseable {

    /** A recorded request. */
    record Call(String method, String path, Optional<String> authorization) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean leader;
    private volatile String refusal;
    private volatile String requiredAuthorization;
    private volatile String urlPrefix = "";

    StubOrchestratorApi(boolean leader) throws IOException {
        this.leader = leader;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The node's base URL, e.g. {@code http://127.0.0.1:41234}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    OrchestratorApiNode node() {
        return new OrchestratorApiNode(url());
    }

    void leader(boolean isLeader) {
        this.leader = isLeader;
    }

    /** Hint routes answer the ERROR envelope with this message (null: accept). */
    void refuse(String message) {
        this.refusal = message;
    }

    /** Every request must carry this Authorization header, or gets 401 as with orchestrator's Basic auth. */
    void requireAuthorization(String header) {
        this.requiredAuthorization = header;
    }

    /** Serve the API under orchestrator's {@code URLPrefix}, e.g. {@code /orchestrator}. */
    void urlPrefix(String prefix) {
        this.urlPrefix = prefix;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Paths of the calls other than leader-check. */
    List<String> hintPaths() {
        return calls.stream().map(Call::path).filter(p -> !p.equals("/api/leader-check")).toList();
    }

    long count(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        calls.add(new Call(exchange.getRequestMethod(), rawPath, authorization));
        String path = rawPath.startsWith(urlPrefix + "/") ? rawPath.substring(urlPrefix.length()) : "/";
        if (requiredAuthorization != null && !authorization.equals(Optional.of(requiredAuthorization))) {
            reply(exchange, 401, "Not Authorized");
            return;
        }
        if (path.equals("/api/leader-check")) {
            reply(exchange, leader ? 200 : 404, leader ? "\"OK\"" : "\"Not leader\"");
        } else if (refusal != null) {
            reply(exchange, 500, "{\"Code\":\"ERROR\",\"Message\":\"" + refusal + "\",\"Details\":null}");
        } else if (path.startsWith("/api/discover/") || path.startsWith("/api/register-candidate/")
                || path.startsWith("/api/begin-downtime/") || path.startsWith("/api/end-downtime/")) {
            reply(exchange, 200, "{\"Code\":\"OK\",\"Message\":\"done: " + path.split("/")[2]
                    + "\",\"Details\":{\"Hostname\":\"db1.example.com\",\"Port\":3306}}");
        } else {
            reply(exchange, 404, "404 page not found\n");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** The node goes down: connections are refused from now on. */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}

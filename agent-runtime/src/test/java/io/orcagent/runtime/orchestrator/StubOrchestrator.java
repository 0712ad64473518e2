package io.orcagent.runtime.orchestrator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for orchestrator's agents listener: it records every request and
 * answers with a scripted reply.
 */
public final class StubOrchestrator implements AutoCloseable {

    /** A recorded request. */
    public record Call(String method, String path, String body) {
    }

    /** A scripted reply. */
    public record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Reply> script;

    /**
     * Starts the stub on a free loopback port.
     *
     * @param script decides each reply
     * @throws IOException when it cannot bind
     */
    public StubOrchestrator(Function<Call, Reply> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The seed fork: accepts register-agent and pings, 404 for submit-agent. */
    public static Function<Call, Reply> seedFork() {
        return call -> switch (call.path().split("/", 4).length > 2 ? "/" + call.path().split("/")[2] : call.path()) {
            case "/register-agent" -> call.method().equals("POST") ? new Reply(200, "\"db1\"") : new Reply(404, "");
            case "/agent-ping" -> new Reply(200, "\"OK\"");
            default -> new Reply(404, "404 page not found\n");
        };
    }

    /** Upstream orchestrator: submit-agent and ping, 404 for register-agent. */
    public static Function<Call, Reply> upstream() {
        return call -> {
            if (call.path().startsWith("/api/submit-agent/")) {
                return new Reply(200, "\"db1\"");
            }
            if (call.path().equals("/api/agent-ping")) {
                return new Reply(200, "\"OK\"");
            }
            return new Reply(404, "404 page not found\n");
        };
    }

    /**
     * Changes the script.
     *
     * @param newScript the script
     */
    public void script(Function<Call, Reply> newScript) {
        this.script = newScript;
    }

    /**
     * The base URL ({@code http://127.0.0.1}) and port.
     *
     * @return the URI of the listener
     */
    public URI url() {
        return URI.create("http://127.0.0.1");
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Recorded calls.
     *
     * @return calls in order
     */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
        calls.add(call);
        Reply reply = script.apply(call);
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

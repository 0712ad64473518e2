package io.orcagent.runtime.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal stand-in for orchestrator's agents listener: accepts {@code register-agent} (seed API) or
 * {@code submit-agent} (legacy API) and {@code agent-ping}, and records who registered, so lab agents
 * report a healthy status without a real orchestrator.
 */
public final class LabOrchestrator implements AutoCloseable {

    private final HttpServer server;
    private final List<String> registrations = new CopyOnWriteArrayList<>();

    /**
     * Starts a seed-API stand-in on a free port of 127.0.0.1.
     *
     * @throws IOException when it cannot bind
     */
    public LabOrchestrator() throws IOException {
        this(false);
    }

    /**
     * Starts on a free port of 127.0.0.1.
     *
     * @param legacy answer like upstream orchestrator ({@code submit-agent}; {@code register-agent} is 404)
     * @throws IOException when it cannot bind
     */
    public LabOrchestrator(boolean legacy) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        if (legacy) {
            server.createContext("/api/submit-agent/", exchange -> {
                registrations.add(exchange.getRequestURI().getPath());
                reply(exchange, 200, "\"registered\"");
            });
        } else {
            server.createContext("/api/register-agent", this::register);
        }
        server.createContext("/api/agent-ping", exchange -> reply(exchange, 200, "\"OK\""));
        server.createContext("/", exchange -> reply(exchange, 404, "404 page not found\n"));
        server.start();
    }

    /**
     * The agents port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Registration bodies received.
     *
     * @return the bodies
     */
    public List<String> registrations() {
        return List.copyOf(registrations);
    }

    private void register(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 404, "404 page not found\n");
            return;
        }
        registrations.add(body);
        reply(exchange, 200, "\"registered\"");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

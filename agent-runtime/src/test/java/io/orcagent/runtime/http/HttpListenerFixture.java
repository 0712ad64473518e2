package io.orcagent.runtime.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.agent.Talkback;
import io.orcagent.runtime.http.api.StatusRoutes;

/**
 * The agent's HTTP server alone, in its own JVM, for tests that starve it of file descriptors: {@code
 * HttpListenerFixture <max-connections or 0 for the default> <request-head-timeout-ms>}. Prints {@code LISTENING
 * <port> <max-connections>} once it serves, and exits with status 4 when the listener is lost, as the agent's
 * {@code Main} does.
 */
public final class HttpListenerFixture {

    private HttpListenerFixture() {
    }

    /**
     * Runs until killed.
     *
     * @param args max connections (0 = default), request head timeout in milliseconds
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] args) throws InterruptedException {
        int max = Integer.parseInt(args[0]);
        ConnectionLimits limits = new ConnectionLimits(max > 0 ? max : ConnectionLimits.defaultMaxConnections(),
                Duration.ofMillis(Long.parseLong(args[1])), ConnectionLimits.DEFAULT_IDLE_TIMEOUT);
        WireRouter router = WireRouter.builder(new TokenGuard(AgentToken.generate(), ""))
                .add(new StatusRoutes("/api/status", new Talkback(Clock.systemUTC(), Duration.ofMinutes(5))))
                .build();
        AgentHttpServer server = AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(),
                false, limits), router);
        server.listenerLost().thenAccept(reason -> {
            System.out.println("LISTENER LOST: " + reason);
            System.out.flush();
            System.exit(4);
        });
        System.out.println("LISTENING " + server.port() + " " + limits.maxConnections());
        System.out.flush();
        Thread.currentThread().join();
    }
}

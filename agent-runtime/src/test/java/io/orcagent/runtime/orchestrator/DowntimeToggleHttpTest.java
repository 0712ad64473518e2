package io.orcagent.runtime.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orcagent.runtime.agent.AgentToken;
import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.config.OrchestratorHintsConfig;
import io.orcagent.runtime.http.AgentHttpServer;
import io.orcagent.runtime.http.TokenGuard;
import io.orcagent.runtime.http.WireRouter;
import io.orcagent.runtime.http.api.DowntimeRoutes;

/**
 * The runtime switch over real HTTP: the agent's routes around real hints talking to a stub
 * orchestrator, driven by a plain HTTP client ({@code agentctl downtime} against the same routes is
 * tested in the agentctl module: AgentCtlDowntimeTest).
 */
class DowntimeToggleHttpTest {

    private static final String BEGIN_DOWNTIME = "/api/begin-downtime/db1.example.com/3306/orchestrator-agent/"
            + "continuous%20downtime%20from%20orchestrator-agent/15m";

    private final AgentToken token = AgentToken.generate();
    private final ManualHintScheduler scheduler = new ManualHintScheduler();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StubOrchestratorApi orchestrator;
    private OrchestratorHints hints;
    private AgentHttpServer server;

    @BeforeEach
    void start() throws Exception {
        orchestrator = new StubOrchestratorApi(true);
        OrchestratorHintsConfig config = ConfigLoader.parse(Path.of("orchestrator-agent.conf"), """
                [common]
                backup-dir = "/var/backup"
                [orchestrator]
                url = "orc.example.com"
                api-url = "%s"
                discover-interval = "0"
                hint-jitter = 0
                [mysql]
                user = "agent"
                password = "pw"
                """.formatted(orchestrator.url())).orchestrator().hints().orElseThrow();
        OrchestratorApi api = new OrchestratorApi(http, Duration.ofSeconds(5), Optional.empty());
        hints = new OrchestratorHints(config, new InstanceKey("db1.example.com", 3306), api,
                new LeaderSelector(api, List.of(orchestrator.node())), Optional.empty(), scheduler,
                new Jitter(0, () -> 0.5));
        hints.start();
        server = serve(new DowntimeRoutes(hints));
    }

    private AgentHttpServer serve(DowntimeRoutes routes) {
        return AgentHttpServer.start(new AgentHttpServer.Settings("127.0.0.1", 0, Optional.empty(), false),
                WireRouter.builder(new TokenGuard(token, "")).add(routes).build());
    }

    @AfterEach
    void stop() {
        server.close();
        hints.close();
        orchestrator.close();
    }

    private HttpResponse<String> post(AgentHttpServer agent, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postOnTurnsDowntimeOnAndOrchestratorGetsBeginDowntime() throws Exception {
        HttpResponse<String> on = post(server, "/api/downtime/on?token=" + token.value());

        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(on.body()).isEqualTo("{\"enabled\":true,\"source\":\"runtime\",\"heldUntil\":null,\"lastError\":null}");
        scheduler.advance(Duration.ZERO);
        assertThat(orchestrator.hintPaths()).containsExactly(BEGIN_DOWNTIME);
        assertThat(hints.downtimeState().heldUntil()).isEqualTo(scheduler.now().plus(Duration.ofMinutes(15)));
    }

    @Test
    void postOffStopsTheRenewals() throws Exception {
        post(server, "/api/downtime/on?token=" + token.value());
        scheduler.advance(Duration.ZERO);

        HttpResponse<String> off = post(server, "/api/downtime/off?token=" + token.value());
        scheduler.advance(Duration.ofHours(2));

        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(off.body()).startsWith("{\"enabled\":false,\"source\":\"runtime\",\"heldUntil\":\"");
        assertThat(orchestrator.hintPaths()).containsExactly(BEGIN_DOWNTIME);
    }

    @Test
    void getShowsTheConfiguredState() throws Exception {
        HttpResponse<String> state = get("/api/downtime?token=" + token.value());

        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).isEqualTo(
                "{\"enabled\":false,\"source\":\"config\",\"heldUntil\":null,\"lastError\":null}");
    }

    @Test
    void theSwitchNeedsTheAgentToken() throws Exception {
        HttpResponse<String> refused = post(server, "/api/downtime/on?token=wrong");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).isEqualTo("{\"Code\":\"ERROR\",\"Message\":\"Invalid token\",\"Details\":null}");
        assertThat(hints.downtimeState().enabled()).isFalse();
    }

    @Test
    void withoutApiUrlTheRoutesSayWhatIsMissing() throws Exception {
        try (AgentHttpServer plain = serve(DowntimeRoutes.unavailable())) {
            HttpResponse<String> refused = post(plain, "/api/downtime/on?token=" + token.value());

            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("continuous downtime needs orchestrator.api-url");
        }
    }
}

package io.orcagent.runtime.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.http.HttpTestClient;
import io.orcagent.runtime.orchestrator.StubOrchestrator;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.runtime.wire.GoJson;

/**
 * {@code mysql-error-log-tail} is served while MySQL is stopped, when the log matters most, in both
 * flavours' shapes: two agents (one forced to each flavour) on one real MariaDB server, asked while it
 * runs and again after it shut down.
 */
class ErrorLogTailWhileMysqlIsDownTest {

    @TempDir
    static Path dir;

    private static MariaDbSandbox mysql;
    private static StubOrchestrator orchestrator;
    private static final List<AgentRuntime> agents = new ArrayList<>();
    private static Agent seed;
    private static Agent legacy;

    @BeforeAll
    static void start() throws Exception {
        mysql = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("mysql"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 13));
        orchestrator = new StubOrchestrator(StubOrchestrator.seedFork());
        seed = agent("seed");
        legacy = agent("legacy");
    }

    private static Agent agent(String api) throws Exception {
        Path home = Files.createDirectories(dir.resolve(api));
        Path config = home.resolve("agent.conf");
        Files.writeString(config, String.join("\n",
                "[common]",
                "port = " + MariaDbSandbox.freePort("127.0.0.2"),
                "hostname = \"127.0.0.2\"",
                "bind-address = \"127.0.0.2\"",
                "backup-dir = \"" + Files.createDirectories(home.resolve("backup")) + "\"",
                "state-dir = \"" + home.resolve("state") + "\"",
                "plugins-dir = \"" + Files.createDirectories(home.resolve("plugins")) + "\"",
                "token-hint-file = \"" + home.resolve("token") + "\"",
                "[orchestrator]",
                "url = \"http://127.0.0.1\"",
                "agents-port = " + orchestrator.port(),
                "api = \"" + api + "\"",
                "[mysql]",
                "port = " + mysql.port(),
                "host = \"127.0.0.2\"",
                "user = \"" + SandboxSettings.DEFAULT_USER + "\"",
                "password = \"" + SandboxSettings.DEFAULT_PASSWORD + "\"",
                "service-status-command = \"true\"",
                "service-start-command = \"true\"",
                "service-stop-command = \"true\"",
                ""));
        AgentRuntime agent = AgentRuntime.start(ConfigLoader.load(config));
        agents.add(agent);
        String token = Files.readString(home.resolve("token")).strip();
        return new Agent(new HttpTestClient("http://127.0.0.2:" + agent.port()), token);
    }

    @AfterAll
    static void stop() {
        agents.forEach(AgentRuntime::close);
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (mysql != null) {
            mysql.close();
        }
    }

    @Test
    void theTailIsServedInBothShapesAfterMysqlStopped() throws Exception {
        assertThat(tail(legacy).isArray()).isTrue();
        assertThat(tail(seed).isTextual()).isTrue();

        mysql.stop();

        JsonNode lines = tail(legacy);
        assertThat(lines.isArray()).isTrue();
        assertThat(lines.size()).isBetween(1, 20);
        assertThat(lines.get(lines.size() - 1).asText()).contains("Shutdown complete");
        JsonNode text = tail(seed);
        assertThat(text.isTextual()).isTrue();
        assertThat(text.asText().split("\n")).hasSizeBetween(1, 40);
        assertThat(text.asText()).contains("Shutdown complete");
    }

    private static JsonNode tail(Agent agent) throws Exception {
        HttpResponse<String> reply = agent.http().get("/api/mysql-error-log-tail?token=" + agent.token());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return GoJson.mapper().readTree(reply.body());
    }

    private record Agent(HttpTestClient http, String token) {
    }
}

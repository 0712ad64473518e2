package io.orcagent.runtime.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
 * An agent registered with an upstream (legacy-API) orchestrator answers the routes whose shape differs
 * between the flavours in the legacy shape.
 */
class LegacyFlavourIntegrationTest {

    @TempDir
    static Path dir;

    private static MariaDbSandbox mysql;
    private static StubOrchestrator orchestrator;
    private static AgentRuntime agent;
    private static HttpTestClient http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        mysql = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("mysql"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 12));
        orchestrator = new StubOrchestrator(StubOrchestrator.upstream());
        Path config = dir.resolve("agent.conf");
        Files.writeString(config, String.join("\n",
                "[common]",
                "port = " + MariaDbSandbox.freePort("127.0.0.2"),
                "hostname = \"127.0.0.2\"",
                "bind-address = \"127.0.0.2\"",
                "backup-dir = \"" + Files.createDirectories(dir.resolve("backup")) + "\"",
                "state-dir = \"" + dir.resolve("state") + "\"",
                "plugins-dir = \"" + Files.createDirectories(dir.resolve("plugins")) + "\"",
                "token-hint-file = \"" + dir.resolve("token") + "\"",
                "[orchestrator]",
                "url = \"http://127.0.0.1\"",
                "agents-port = " + orchestrator.port(),
                "[mysql]",
                "port = " + mysql.port(),
                "host = \"127.0.0.2\"",
                "user = \"" + SandboxSettings.DEFAULT_USER + "\"",
                "password = \"" + SandboxSettings.DEFAULT_PASSWORD + "\"",
                "service-status-command = \"true\"",
                "service-start-command = \"true\"",
                "service-stop-command = \"true\"",
                ""));
        agent = AgentRuntime.start(ConfigLoader.load(config));
        http = new HttpTestClient("http://127.0.0.2:" + agent.port());
        token = Files.readString(dir.resolve("token")).strip();
        Instant deadline = Instant.now().plusSeconds(20);
        while (orchestrator.calls().stream().noneMatch(c -> c.path().startsWith("/api/submit-agent/"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (orchestrator != null) {
            orchestrator.close();
        }
        if (mysql != null) {
            mysql.close();
        }
    }

    @Test
    void registersWithSubmitAgentAfterTheSeedApiAnswered404() {
        assertThat(orchestrator.calls()).extracting(StubOrchestrator.Call::path)
                .contains("/api/register-agent", "/api/submit-agent/127.0.0.2/" + agent.port() + "/" + token);
    }

    @Test
    void errorLogTailIsAnArrayOfAtMostTwentyLines() throws Exception {
        JsonNode tail = GoJson.mapper().readTree(http.get("/api/mysql-error-log-tail?token=" + token).body());
        assertThat(tail.isArray()).isTrue();
        assertThat(tail.size()).isBetween(1, 20);
    }

    @Test
    void volumeListingsAreEmptyArraysWhenSnapshotsAreNotConfigured() {
        // upstream decodes lvs-snapshots into []LogicalVolume on every poll, next to available-snapshots
        for (String route : new String[] {"/api/lvs-snapshots", "/api/lvs", "/api/lvs/mysql", "/api/lv",
                "/api/available-snapshots", "/api/available-snapshots-local"}) {
            var reply = http.get(route + (route.contains("?") ? "&" : "?") + "token=" + token);
            assertThat(reply.statusCode()).as(route).isEqualTo(200);
            assertThat(reply.body()).as(route).isEqualTo("[]");
        }
    }

    @Test
    void snapshotCommandsAndAVolumeAskedForByNameStillSayThatSnapshotsAreNotConfigured() {
        for (String route : new String[] {"/api/mountlv?lv=data", "/api/lv?lv=data", "/api/lv/data"}) {
            var reply = http.get(route + (route.contains("?") ? "&" : "?") + "token=" + token);
            assertThat(reply.statusCode()).as(route).isEqualTo(500);
            assertThat(reply.body()).as(route).contains("Snapshots are not configured");
        }
    }

    @Test
    void serviceCommandsAnswerTrue() {
        assertThat(http.get("/api/mysql-stop?token=" + token).body()).isEqualTo("true");
        assertThat(http.get("/api/mysql-start?token=" + token).body()).isEqualTo("true");
        assertThat(http.get("/api/mysql-status?token=" + token).body()).isEqualTo("true");
    }
}

package io.orcagent.runtime.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.config.AgentConfig;
import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.http.HttpTestClient;
import io.orcagent.runtime.orchestrator.StubOrchestrator;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.runtime.wire.GoJson;

/**
 * The whole agent, in process, against a real MariaDB server and a stub orchestrator, over real HTTP.
 */
class AgentApiIntegrationTest {

    @TempDir
    static Path dir;

    private static MariaDbSandbox mysql;
    private static StubOrchestrator orchestrator;
    private static AgentRuntime agent;
    private static HttpTestClient http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        mysql = MariaDbSandbox.start(new SandboxSettings(dir.resolve("mysql"), "127.0.0.2",
                MariaDbSandbox.freePort("127.0.0.2"), 11, "orcagent", "pw'with\"quotes", "repl", "repl-pw", List.of()));
        try (Connection c = mysql.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE shop");
            s.execute("CREATE TABLE shop.orders (id INT PRIMARY KEY, note TEXT) ENGINE=InnoDB");
            s.execute("CREATE TABLE shop.audit (id INT, note TEXT) ENGINE=Aria");
            s.execute("INSERT INTO shop.orders VALUES (1, REPEAT('x', 10000))");
        }
        orchestrator = new StubOrchestrator(StubOrchestrator.seedFork());
        int port = MariaDbSandbox.freePort("127.0.0.2");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path backup = Files.createDirectories(dir.resolve("backup"));
        Files.writeString(backup.resolve("some-file"), "x".repeat(4096));
        String toml = String.join("\n",
                "[common]",
                "port = " + port,
                "hostname = \"127.0.0.2\"",
                "bind-address = \"127.0.0.2\"",
                "backup-dir = \"" + backup + "\"",
                "state-dir = \"" + dir.resolve("state") + "\"",
                "plugins-dir = \"" + plugins + "\"",
                "token-hint-file = \"" + dir.resolve("token") + "\"",
                "poll-interval = \"1s\"",
                "[orchestrator]",
                "url = \"http://127.0.0.1\"",
                "agents-port = " + orchestrator.port(),
                "[logging]",
                "file = \"" + dir.resolve("agent.log") + "\"",
                "[mysql]",
                "port = " + mysql.port(),
                "host = \"127.0.0.2\"",
                "user = \"orcagent\"",
                "password = \"pw'with\\\"quotes\"",
                "service-status-command = \"test -S '" + mysql.socket() + "'\"",
                "service-start-command = \"true\"",
                "service-stop-command = \"true\"",
                "[custom-commands.hello]",
                "cmd = \"echo hello world\"",
                "[custom-commands.broken]",
                "cmd = \"echo oops >&2; exit 3\"",
                "");
        Path config = dir.resolve("agent.conf");
        Files.writeString(config, toml);
        AgentConfig loaded = ConfigLoader.load(config);
        agent = AgentRuntime.start(loaded);
        http = new HttpTestClient("http://127.0.0.2:" + agent.port());
        token = Files.readString(dir.resolve("token")).strip();
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
    void tokenHintFileIsPrivateAndHoldsTheRegisteredToken() throws Exception {
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("token")))).isEqualTo("rw-------");
        awaitRegistration();
        assertThat(orchestrator.calls().get(0).body()).contains("\"Token\":\"" + token + "\"");
    }

    @Test
    void agentDataHasAllSeventeenFieldsInOrderWithRealFacts() throws Exception {
        HttpResponse<String> r = http.get("/api/get-agent-data?token=" + token);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = GoJson.mapper().readTree(r.body());
        assertThat(data.properties().stream().map(java.util.Map.Entry::getKey).toList()).containsExactly(
                "LocalSnapshotsHosts", "SnaphostHosts", "LogicalVolumes", "MountPoint", "BackupDir",
                "BackupDirDiskFree", "BackupDirDiskUsed", "MySQLRunning", "MySQLDatadir", "MySQLDatadirDiskUsed",
                "MySQLDatadirDiskFree", "MySQLDatabases", "AvailiableSeedMethods", "AgentCommands", "NumCPU",
                "MemTotal", "OsName");
        assertThat(data.get("MountPoint").isObject()).isTrue();
        assertThat(data.get("MySQLRunning").asBoolean()).isTrue();
        assertThat(data.get("MySQLDatadir").asText()).startsWith(mysql.datadir().toString());
        assertThat(data.get("MySQLDatadirDiskFree").asLong()).isPositive();
        assertThat(data.get("BackupDirDiskFree").asLong()).isPositive();
        JsonNode shop = data.get("MySQLDatabases").get("shop");
        assertThat(shop.get("Engines")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Aria", "InnoDB");
        assertThat(shop.get("Size").asLong()).isPositive();
        assertThat(data.get("MySQLDatabases").has("mysql")).isFalse();
        assertThat(data.get("AgentCommands")).extracting(JsonNode::asText).containsExactly("broken", "hello");
        assertThat(data.get("NumCPU").asInt()).isPositive();
        assertThat(data.get("MemTotal").asLong()).isPositive();
        assertThat(data.get("OsName").asText()).isNotBlank();
    }

    @Test
    void mysqlDatadirIsTheServersValueAsItReportsIt() throws Exception {
        String reported;
        try (Connection c = mysql.dataSource().getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet row = s.executeQuery("SELECT @@datadir")) {
            row.next();
            reported = row.getString(1);
        }
        assertThat(reported).endsWith("/");
        JsonNode data = GoJson.mapper().readTree(http.get("/api/get-agent-data?token=" + token).body());
        assertThat(data.get("MySQLDatadir").asText()).isEqualTo(reported);
    }

    @Test
    void diskUsageIsServedFromTheBackgroundFigure() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        long used = 0;
        while (Instant.now().isBefore(deadline) && used == 0) {
            used = Long.parseLong(http.get("/api/mysql-du?token=" + token).body());
            Thread.sleep(100);
        }
        assertThat(used).isPositive();
        assertThat(Long.parseLong(http.get("/api/mysql-datadir-available-space?token=" + token).body())).isPositive();
    }

    @Test
    void agentInfoHidesTheTokenFromAnonymousCallers() throws Exception {
        JsonNode anonymous = GoJson.mapper().readTree(http.get("/api/get-agent-info").body());
        assertThat(anonymous.get("Token").asText()).isEmpty();
        assertThat(anonymous.get("Hostname").asText()).isEqualTo("127.0.0.2");
        assertThat(anonymous.get("MySQLPort").asInt()).isEqualTo(mysql.port());
        JsonNode authorised = GoJson.mapper().readTree(http.get("/api/get-agent-info?token=" + token).body());
        assertThat(authorised.get("Token").asText()).isEqualTo(token);
    }

    @Test
    void theServerListensOnlyOnTheBindAddress() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", agent.port()), 500);
            throw new AssertionError("the agent answered on 127.0.0.1 although bound to 127.0.0.2");
        } catch (java.io.IOException refused) {
            assertThat(refused).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void mysqlStatusPortAndHostnameRoutes() {
        assertThat(http.get("/api/mysql-status?token=" + token).body()).isEqualTo("true");
        assertThat(http.get("/api/mysql-port?token=" + token).body()).isEqualTo(Integer.toString(mysql.port()));
        assertThat(http.get("/api/hostname").body()).isEqualTo("\"127.0.0.2\"");
    }

    @Test
    void errorLogTailIsOneJsonStringInTheSeedFlavour() throws Exception {
        awaitRegistration();
        HttpResponse<String> r = http.get("/api/mysql-error-log-tail?token=" + token);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tail = GoJson.mapper().readTree(r.body());
        assertThat(tail.isTextual()).isTrue();
        assertThat(tail.asText()).contains("ready for connections");
    }

    @Test
    void customCommandsRunAndReportFailuresWithStderr() throws Exception {
        assertThat(http.get("/api/custom-commands/hello?token=" + token).body())
                .isEqualTo("{\"Code\":\"OK\",\"Message\":\"hello world\\n\",\"Details\":null}");
        HttpResponse<String> broken = http.get("/api/custom-commands/broken?token=" + token);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("oops");
        HttpResponse<String> unknown = http.get("/api/custom-commands/rm%20-rf?token=" + token);
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(GoJson.mapper().readTree(unknown.body()).get("Message").asText()).endsWith(" : Command not found");
    }

    @Test
    void statusTurnsOkOnceOrchestratorAcceptedTheAgent() throws Exception {
        awaitRegistration();
        assertThat(http.get("/api/status").body()).isEqualTo("\"OK\"");
    }

    @Test
    void pluginsAreListedAndReloadRunsWhenIdle() {
        assertThat(http.get("/api/plugins?token=" + token).body()).isEqualTo("[]");
        HttpResponse<String> reload = http.send(http.request("/api/plugins/reload?token=" + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(reload.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsByRouteAndStatusWithoutSecrets() {
        http.get("/api/get-agent-data?token=" + token);
        http.get("/api/get-agent-data?token=wrong");
        HttpResponse<String> metrics = http.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .contains("# TYPE orchestrator_agent_http_requests_total counter")
                .contains("orchestrator_agent_http_requests_total{method=\"GET\",route=\"/api/get-agent-data\",status=\"200\"}")
                .contains("orchestrator_agent_http_requests_total{method=\"GET\",route=\"/api/get-agent-data\",status=\"500\"}")
                .contains("orchestrator_agent_plugins_failed 0")
                .doesNotContain(token);
    }

    @Test
    void livenessIsUpAndReadinessNeedsAnOfferedSeedMethod() {
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = http.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"DOWN\"");
    }

    private static void awaitRegistration() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (orchestrator.calls().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        assertThat(orchestrator.calls()).isNotEmpty();
    }
}

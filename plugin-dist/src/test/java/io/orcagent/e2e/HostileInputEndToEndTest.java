package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.config.ConfigLoader;
import io.orcagent.runtime.http.Route;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LabOrchestrator;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SandboxSettings;
import io.orcagent.runtime.wire.GoJson;
import io.orcagent.runtime.wiring.AgentRuntime;

/**
 * Sends random and hostile values to every path and query parameter of every route of a real agent
 * (with the distribution's plugins) and checks: the answer is Go's 404 or the JSON error envelope, no
 * shell ever ran what was sent (canary files are never created), no file outside the allowed
 * directories is read or touched, and the agent keeps serving.
 */
class HostileInputEndToEndTest {

    @TempDir
    static Path dir;

    private static MariaDbSandbox mysql;
    private static LabOrchestrator orchestrator;
    private static AgentRuntime agent;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CANARY = "/tmp/orcagent-canary-" + UUID.randomUUID();

    /** Routes that start work; a hostile value must never get them started. */
    private static final Set<String> STARTERS = Set.of("/api/prepare/:seedID/:seedMethod/:seedSide",
            "/api/backup/:seedID/:seedMethod/:seedHost/:mysqlPort", "/api/restore/:seedID/:seedMethod",
            "/api/cleanup/:seedID/:seedMethod/:seedSide", "/api/receive-mysql-seed-data/:seedId",
            "/api/send-mysql-seed-data/:targetHost/:seedId", "/api/custom-commands/:cmd");

    @BeforeAll
    static void start() throws Exception {
        mysql = MariaDbSandbox.start(SandboxSettings.of(dir.resolve("mysql"), "127.0.0.9",
                MariaDbSandbox.freePort("127.0.0.9"), 9));
        orchestrator = new LabOrchestrator();
        Path config = LabHost.writeConfig(dir, mysql, MariaDbSandbox.freePort("127.0.0.9"),
                Path.of(System.getProperty("dist.dir")), orchestrator.port(),
                SeedLab.DEFAULT_PLUGIN_SECTIONS + "\n[custom-commands.hello]\ncmd = \"echo hello\"");
        agent = AgentRuntime.start(ConfigLoader.load(config));
        token = Files.readString(dir.resolve("agent.token")).strip();
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

    static List<String> hostileValues() {
        return List.of("$(touch " + CANARY + ")", "`touch " + CANARY + "`", ";touch " + CANARY, "|touch " + CANARY,
                "&& touch " + CANARY, "a b", "..", "../../../../etc/passwd", "/etc/shadow", "a\u0000b", "x".repeat(4000),
                "ü𝄞‮rtl", "-1", "0", "99999999999999999999", "1e9", "' OR 1=1 --", "<script>alert(1)</script>",
                "%00", "\n", "Backup\r\nX-Injected: 1");
    }

    @Test
    void everyParameterOfEveryRouteRefusesHostileValuesWithoutSideEffects() throws Exception {
        List<String> problems = new ArrayList<>();
        int requests = 0;
        for (Route route : agent.routes()) {
            List<String> params = Route.parameterNames(route.pattern());
            for (String param : params) {
                for (String value : hostileValues()) {
                    String path = expand(route.pattern(), param, value);
                    HttpResponse<String> r = send(route.method(), path + "?token=" + token);
                    requests++;
                    check(route, path, r, problems);
                }
            }
        }
        for (String query : List.of("/api/du?path=", "/api/mountlv?lv=", "/api/removelv?lv=", "/api/lv?lv=",
                "/api/get-agent-data?x=1&token=")) {
            for (String value : hostileValues()) {
                HttpResponse<String> r = send("GET", query + enc(value) + (query.endsWith("token=") ? "" : "&token=" + token));
                requests++;
                if (r.statusCode() != 500 || !isEnvelope(r.body())) {
                    problems.add("GET " + query + " [" + printable(value) + "] -> " + r.statusCode() + " " + head(r.body()));
                }
            }
        }
        assertThat(problems).as("%d requests", requests).isEmpty();
        assertThat(requests).isGreaterThan(300);
        assertThat(Path.of(CANARY)).doesNotExist();
        assertThat(send("GET", "/api/status").statusCode()).isIn(200, 500);
        assertThat(send("GET", "/api/get-agent-data?token=" + token).statusCode()).isEqualTo(200);
    }

    @Test
    void duOutsideTheDatadirAndBackupDirIsRefused() throws Exception {
        for (String path : List.of("/etc", "/", dir.resolve("backup") + "/../..", "/proc/self")) {
            HttpResponse<String> r = send("GET", "/api/du?path=" + enc(path) + "&token=" + token);
            assertThat(r.statusCode()).as(path).isEqualTo(500);
        }
        HttpResponse<String> allowed = send("GET", "/api/du?path=" + enc(dir.resolve("backup").toString()) + "&token=" + token);
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    private static void check(Route route, String path, HttpResponse<String> r, List<String> problems) {
        int status = r.statusCode();
        boolean refused = status == 404 || (status == 500 && isEnvelope(r.body()));
        boolean harmlessAnswer = status == 200 && !STARTERS.contains(route.pattern());
        if (!(refused || harmlessAnswer)) {
            problems.add(route.method() + " " + head(path) + " -> " + status + " " + head(r.body()));
        }
        if (status == 404 && !r.body().equals("404 page not found\n")) {
            problems.add(route.method() + " " + head(path) + " -> 404 with body " + head(r.body()));
        }
    }

    private static boolean isEnvelope(String body) {
        try {
            JsonNode node = GoJson.mapper().readTree(body);
            return node.isObject() && "ERROR".equals(node.path("Code").asText()) && node.has("Message")
                    && node.get("Details").isNull();
        } catch (Exception e) {
            return false;
        }
    }

    private static String expand(String pattern, String hostileParam, String value) {
        Map<String, String> valid = Map.of("seedID", "1", "seedId", "1", "seedMethod", "Mysqldump", "seedSide", "Target",
                "seedHost", "127.0.0.1", "mysqlPort", "3306", "seedStage", "Backup", "cmd", "hello",
                "targetHost", "127.0.0.1");
        StringBuilder out = new StringBuilder();
        for (String segment : pattern.substring(1).split("/")) {
            out.append('/');
            if (segment.startsWith(":")) {
                String name = segment.substring(1);
                out.append(name.equals(hostileParam) ? enc(value) : enc(valid.getOrDefault(name, "x")));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    private static HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.9:" + agent.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String head(String body) {
        return body.length() > 120 ? body.substring(0, 120) + "…" : body;
    }

    private static String printable(String value) {
        return head(value.replaceAll("\\p{Cntrl}", "?"));
    }
}

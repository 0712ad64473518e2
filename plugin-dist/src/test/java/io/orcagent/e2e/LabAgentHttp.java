package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.orcagent.runtime.lab.LabHost;

/**
 * Direct HTTP access to one lab agent, as orchestrator calls it (token in the query).
 */
final class LabAgentHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final LabHost host;

    LabAgentHttp(LabHost host) {
        this.host = host;
    }

    HttpResponse<String> get(String command) throws Exception {
        String separator = command.contains("?") ? "&" : "?";
        URI uri = URI.create("http://" + host.agent().endpoint() + "/api/" + command + separator + "token="
                + host.agent().token());
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void call(String command, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(command);
        assertThat(r.statusCode()).as(command + ": " + r.body()).isEqualTo(expectedStatus);
    }

    void awaitStatus(long seed, String stage, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = get("seed-stage-state/" + seed + "/" + stage).body();
            if (body.contains("\"Status\":\"" + status + "\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(stage + " did not reach " + status + ": " + body);
    }
}

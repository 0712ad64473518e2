package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.wire.GoJson;

/**
 * The seed stages of one lab agent, called and read the way orchestrator does, for fault tests. The
 * endpoint and the token file stay the same when the agent is restarted, so this keeps working across
 * restarts.
 */
final class SeedStageApi {

    private static final Duration STAGE_WAIT = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LabHost host;

    SeedStageApi(LabHost host) {
        this.host = host;
    }

    HttpResponse<String> get(String command) throws IOException, InterruptedException {
        return send(command, HttpRequest.newBuilder().GET());
    }

    HttpResponse<String> post(String command) throws IOException, InterruptedException {
        return send(command, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(String command, HttpRequest.Builder request) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host.agent().endpoint() + "/api/" + command + "?token=" + host.agent().token());
        return http.send(request.uri(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void call(String command, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> r = get(command);
        assertThat(r.statusCode()).as("%s: %s", command, r.body()).isEqualTo(expectedStatus);
    }

    JsonNode json(String command) throws IOException, InterruptedException {
        HttpResponse<String> r = get(command);
        assertThat(r.statusCode()).as("%s: %s", command, r.body()).isEqualTo(200);
        return GoJson.mapper().readTree(r.body());
    }

    /** The stage's state as orchestrator reads it ({@code Status}, {@code Details}, {@code Hostname}, …). */
    JsonNode stage(long seed, String stage) throws IOException, InterruptedException {
        return json("seed-stage-state/" + seed + "/" + stage);
    }

    /** Polls the stage until its status is one of {@code statuses}; fails after a few minutes. */
    JsonNode awaitStage(long seed, String stage, String... statuses) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STAGE_WAIT);
        JsonNode state = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = get("seed-stage-state/" + seed + "/" + stage);
            if (r.statusCode() == 200) {
                state = GoJson.mapper().readTree(r.body());
                if (List.of(statuses).contains(state.path("Status").asText())) {
                    return state;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(stage + " of seed " + seed + " on " + host.name() + " did not reach "
                + List.of(statuses) + ": " + state + "\n" + host.agent().logTail());
    }

    /** Bytes the stage reports done ({@code seed-progress}), 0 while unknown. */
    long bytesDone(long seed, String stage) throws IOException, InterruptedException {
        HttpResponse<String> r = get("seed-progress/" + seed + "/" + stage);
        return r.statusCode() == 200 ? GoJson.mapper().readTree(r.body()).path("BytesDone").asLong() : 0;
    }

    /** What agentctl does after a failed stage: aborts whatever still runs, then runs Cleanup and waits for it. */
    void abortAndCleanUp(long seed, String method, String side) throws IOException, InterruptedException {
        for (String stage : List.of("Prepare", "Backup", "Restore")) {
            get("abort-seed-stage/" + seed + "/" + stage);
        }
        call("cleanup/" + seed + "/" + method + "/" + side, 202);
        awaitStage(seed, "Cleanup", "Completed");
    }
}

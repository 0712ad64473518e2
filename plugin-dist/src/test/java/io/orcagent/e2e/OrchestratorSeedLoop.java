package io.orcagent.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.cli.ReplicationConnector;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.wire.GoJson;

/**
 * Drives one seed through two lab agents the way orchestrator's seed fork does
 * ({@code shared/reference/orchestrator-side.md}, "Seed orchestration state machine"), not the way we
 * would like it to: one step per tick; Prepare and Cleanup on both agents; Backup on the backup side
 * (read from the source's {@code AvailiableSeedMethods}); a failed stage retried up to
 * {@value #MAX_RETRIES_FOR_SEED_STAGE} times, a failed <b>Backup restarted from Prepare</b> on both
 * agents, Prepare and Cleanup retries aborting an agent still Running first; ConnectSlave done over SQL
 * by the driver (and skipped on a retry when the target already replicates); and <b>no Cleanup and no
 * abort</b> when the seed ends Failed. Every agent call is recorded, so tests can check what orchestrator
 * would have sent.
 */
final class OrchestratorSeedLoop {

    /** orchestrator's {@code MaxRetriesForSeedStage} default. */
    static final int MAX_RETRIES_FOR_SEED_STAGE = 3;
    private static final Duration TICK = Duration.ofMillis(200);
    private static final List<String> STAGES = List.of("Prepare", "Backup", "Restore", "ConnectSlave", "Cleanup");

    private final long seedId;
    private final String method;
    private final LabHost source;
    private final LabHost target;
    private final Map<LabHost, SeedStageApi> agents;
    private final List<String> calls = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private String stage = "Prepare";
    private String status = "Scheduled";
    private int retries;
    private LabHost backupSide;

    OrchestratorSeedLoop(long seedId, String method, LabHost source, LabHost target) {
        this.seedId = seedId;
        this.method = method;
        this.source = source;
        this.target = target;
        this.agents = Map.of(source, new SeedStageApi(source), target, new SeedStageApi(target));
    }

    /**
     * The outcome of a seed.
     *
     * @param status {@code Completed} or {@code Failed}
     * @param stage the stage it ended in (a seed failed in Backup is recorded with stage Prepare)
     * @param retries the retries of that stage
     * @param calls every agent call, {@code "<host>: <path>"}, in order
     * @param errors the stage errors that led to retries, in order
     */
    record Outcome(String status, String stage, int retries, List<String> calls, List<String> errors) {

        /** The calls whose path starts with {@code prefix} (e.g. {@code "prepare/"}). */
        List<String> callsOf(String prefix) {
            return calls.stream().filter(c -> c.substring(c.indexOf(": ") + 2).startsWith(prefix)).toList();
        }
    }

    /**
     * Runs the seed until it is Completed or Failed.
     *
     * @param limit how long before the test gives up (a bound for a hang, not a timing)
     * @return the outcome
     * @throws Exception when an agent cannot be reached at all or the limit passes
     */
    Outcome run(Duration limit) throws Exception {
        backupSide = "Source".equals(agents.get(source).json("get-agent-data").path("AvailiableSeedMethods")
                .path(method).path("BackupSide").asText()) ? source : target;
        Instant deadline = Instant.now().plus(limit);
        while (!status.equals("Completed") && !status.equals("Failed")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("seed " + seedId + " still " + status + " in " + stage + " after " + limit
                        + "; errors: " + errors + "; calls: " + calls);
            }
            switch (status) {
                case "Scheduled" -> start();
                case "Running" -> follow();
                case "Error" -> retryOrGiveUp();
                default -> throw new IllegalStateException(status);
            }
            Thread.sleep(TICK.toMillis());
        }
        return new Outcome(status, stage, retries, List.copyOf(calls), List.copyOf(errors));
    }

    private void start() throws Exception {
        switch (stage) {
            case "Prepare", "Cleanup" -> {
                for (LabHost host : List.of(target, source)) {
                    String side = host == target ? "Target" : "Source";
                    if (!accepted(host, stage.toLowerCase() + "/" + seedId + "/" + method + "/" + side)) {
                        return;
                    }
                }
            }
            case "Backup" -> {
                LabHost other = backupSide == source ? target : source;
                if (!accepted(backupSide, "backup/" + seedId + "/" + method + "/" + other.mysql().address() + "/"
                        + source.mysql().port())) {
                    return;
                }
            }
            case "Restore" -> {
                if (!accepted(target, "restore/" + seedId + "/" + method)) {
                    return;
                }
            }
            case "ConnectSlave" -> {
                // no agent call: the next tick connects
            }
            default -> throw new IllegalStateException(stage);
        }
        status = "Running";
    }

    private void follow() throws Exception {
        switch (stage) {
            case "Prepare", "Cleanup" -> {
                String onTarget = stageStatus(target);
                String onSource = stageStatus(source);
                if (onTarget.equals("Error") || onSource.equals("Error")) {
                    fail(stage + " failed: target " + onTarget + ", source " + onSource);
                } else if (onTarget.equals("Completed") && onSource.equals("Completed")) {
                    if (stage.equals("Prepare")) {
                        next("Backup");
                    } else {
                        call(target, "post-seed-cmd/" + seedId);
                        call(source, "post-seed-cmd/" + seedId);
                        status = "Completed";
                    }
                }
            }
            case "Backup", "Restore" -> {
                LabHost doer = stage.equals("Backup") ? backupSide : target;
                call(target, "get-agent-data");
                call(source, "get-agent-data");
                String state = stageStatus(doer);
                if (state.equals("Error")) {
                    fail(stage + " failed on " + doer.name() + ": " + stageDetails(doer));
                } else if (state.equals("Completed")) {
                    next(stage.equals("Backup") ? "Restore" : "ConnectSlave");
                }
            }
            case "ConnectSlave" -> connectSlave();
            default -> throw new IllegalStateException(stage);
        }
    }

    private void connectSlave() throws Exception {
        HttpResponse<String> metadata = call(target, "get-metadata/" + seedId + "/" + method);
        if (metadata.statusCode() != 200) {
            fail("get-metadata: " + metadata.statusCode() + " " + metadata.body());
            return;
        }
        ReplicationConnector replica = new ReplicationConnector(target.dataSource());
        try {
            if (retries > 0 && replica.state().running()) {
                next("Cleanup"); // orchestrator: on a retry, a target already replicating is done
                return;
            }
            JsonNode at = GoJson.mapper().readTree(metadata.body());
            replica.connect(new ReplicationConnector.Coordinates(source.mysql().address(), source.mysql().port(),
                    at.path("LogFile").asText(), at.path("LogPos").asLong(), at.path("GtidExecuted").asText()),
                    source.mysql().settings().replicationUser(), source.mysql().settings().replicationPassword(),
                    Duration.ofSeconds(60));
            next("Cleanup");
        } catch (SQLException e) {
            fail("ConnectSlave: " + e.getMessage());
        }
    }

    private void retryOrGiveUp() throws IOException, InterruptedException {
        if (retries >= MAX_RETRIES_FOR_SEED_STAGE) {
            if (stage.equals("Backup")) {
                stage = "Prepare"; // orchestrator records a seed that failed in Backup with stage Prepare
            }
            status = "Failed"; // no agent is told: no abort, no Cleanup
            return;
        }
        retries++;
        switch (stage) {
            case "Prepare", "Cleanup" -> {
                for (LabHost host : List.of(target, source)) {
                    if (stageStatus(host).equals("Running")) {
                        call(host, "abort-seed-stage/" + seedId + "/" + stage);
                    }
                }
            }
            case "Backup" -> stage = "Prepare"; // Prepare may start listeners on the target
            default -> {
                // Restore and ConnectSlave are run again as they are
            }
        }
        status = "Scheduled";
    }

    private void next(String nextStage) {
        if (STAGES.indexOf(nextStage) <= STAGES.indexOf(stage)) {
            throw new IllegalStateException(stage + " -> " + nextStage);
        }
        if (stage.equals("Backup")) {
            retries = 0;
        }
        stage = nextStage;
        status = "Scheduled";
    }

    private void fail(String error) {
        errors.add("retry " + retries + ": " + error);
        status = "Error";
    }

    private boolean accepted(LabHost host, String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = call(host, path);
        if (reply.statusCode() / 100 != 2) {
            fail(path + " on " + host.name() + ": " + reply.statusCode() + " " + reply.body());
            return false;
        }
        return true;
    }

    private String stageStatus(LabHost host) throws IOException, InterruptedException {
        HttpResponse<String> reply = call(host, "seed-stage-state/" + seedId + "/" + stage);
        return reply.statusCode() == 200 ? GoJson.mapper().readTree(reply.body()).path("Status").asText() : "Error";
    }

    private String stageDetails(LabHost host) throws IOException, InterruptedException {
        return agents.get(host).stage(seedId, stage).path("Details").asText();
    }

    private HttpResponse<String> call(LabHost host, String path) throws IOException, InterruptedException {
        calls.add(host.name() + ": " + path);
        return agents.get(host).get(path);
    }
}

package io.orcagent.runtime.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.orcagent.runtime.cli.AgentClient.AgentCallException;

/**
 * Drives two agents through a whole seed exactly as the seed-API orchestrator does (wire-contract §3.4):
 * Prepare on both, Backup on the method's backup side, Restore on the target, get-metadata, ConnectSlave
 * (over JDBC, here), Cleanup on both, post-seed commands. Each stage is started once and polled until it
 * completes or fails; a failure stops the seed, runs Cleanup on both agents and is reported with the
 * agent, the stage and the agent's own details.
 */
public final class SeedDriver {

    private static final Duration POLL = Duration.ofMillis(250);

    private final AgentClient source;
    private final AgentClient target;
    private final ProgressDisplay display;
    private final Function<TargetServer, DataSource> targetDataSource;

    /**
     * How to reach the target's MySQL for ConnectSlave.
     *
     * @param host the target agent's registered hostname
     * @param port its MySQL port
     * @param user admin user
     * @param password admin password
     */
    public record TargetServer(String host, int port, String user, String password) {
        @Override
        public String toString() {
            return "TargetServer[" + host + ":" + port + ", user=" + user + "]";
        }
    }

    /**
     * The outcome.
     *
     * @param seedId the seed id
     * @param logFile replication start file
     * @param logPos replication start position
     * @param gtidExecuted MySQL GTID set
     * @param mariadbGtidPos MariaDB GTID position
     * @param took how long the seed took
     * @param replicating whether replication was connected and runs
     */
    public record Report(long seedId, String logFile, long logPos, String gtidExecuted, String mariadbGtidPos,
                         Duration took, boolean replicating) {
    }

    /**
     * A seed that failed.
     */
    public static final class SeedFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed where
         */
        public SeedFailedException(String message) {
            super(message);
        }
    }

    /**
     * Creates the driver.
     *
     * @param source the source agent
     * @param target the target agent
     * @param display where progress goes
     * @param targetDataSource opens the target's MySQL for ConnectSlave
     */
    public SeedDriver(AgentClient source, AgentClient target, ProgressDisplay display,
                      Function<TargetServer, DataSource> targetDataSource) {
        this.source = Objects.requireNonNull(source, "source is null");
        this.target = Objects.requireNonNull(target, "target is null");
        this.display = Objects.requireNonNull(display, "display is null");
        this.targetDataSource = Objects.requireNonNull(targetDataSource, "targetDataSource is null");
    }

    /**
     * Runs the seed.
     *
     * @param plan what to do
     * @return the report
     * @throws SeedFailedException when a stage fails (after cleanup)
     * @throws InterruptedException when interrupted
     */
    public Report run(SeedPlan plan) throws SeedFailedException, InterruptedException {
        Instant started = Instant.now();
        long id = plan.seedId();
        String m = plan.method();
        try {
            JsonNode sourceInfo = source.json("get-agent-info");
            JsonNode targetInfo = target.json("get-agent-info");
            String sourceHost = sourceInfo.path("Hostname").asText();
            int sourceMysqlPort = sourceInfo.path("MySQLPort").asInt();
            String targetHost = targetInfo.path("Hostname").asText();
            JsonNode sourceData = source.json("get-agent-data");
            JsonNode targetData = target.json("get-agent-data");
            requireMethod(source, sourceData, m);
            requireMethod(target, targetData, m);
            String backupSide = sourceData.path("AvailiableSeedMethods").path(m).path("BackupSide").asText();
            long estimate = 0;
            for (Iterator<JsonNode> it = sourceData.path("MySQLDatabases").elements(); it.hasNext(); ) {
                estimate += it.next().path("Size").asLong();
            }
            DataSource targetMysql = null;
            if (plan.replication().isPresent()) {
                ReplicationSettings r = plan.replication().get();
                targetMysql = targetDataSource.apply(new TargetServer(targetHost,
                        targetInfo.path("MySQLPort").asInt(), r.adminUser(), r.adminPassword()));
                refuseRunningReplica(targetMysql, targetHost);
            }
            display.step("Seeding " + targetHost + " from " + sourceHost + ":" + sourceMysqlPort + " with " + m
                    + " (seed " + id + ", backup on the " + backupSide.toLowerCase() + ")");

            try {
                target.get("prepare/" + id + "/" + m + "/Target");
                source.get("prepare/" + id + "/" + m + "/Source");
                await(List.of(target, source), id, "Prepare", -1);

                AgentClient backupAgent = backupSide.equals("Source") ? source : target;
                String peer = backupSide.equals("Source") ? targetHost : sourceHost;
                backupAgent.get("backup/" + id + "/" + m + "/" + peer + "/" + sourceMysqlPort);
                await(List.of(backupAgent), id, "Backup", estimate);

                target.get("restore/" + id + "/" + m);
                await(List.of(target), id, "Restore", -1);
            } catch (SeedFailedException e) {
                cleanupAfterFailure(id, m);
                throw e;
            }

            JsonNode meta = target.json("get-metadata/" + id + "/" + m);
            String logFile = meta.path("LogFile").asText();
            long logPos = meta.path("LogPos").asLong();
            String gtid = meta.path("GtidExecuted").asText();
            String mariadbGtid = meta.path("MariaDBGtidPos").asText();
            display.step("Metadata   " + logFile + ":" + logPos + (gtid.isEmpty() ? "" : " GTID " + gtid)
                    + (mariadbGtid.isEmpty() ? "" : " (MariaDB GTID " + mariadbGtid + ")"));

            boolean replicating = false;
            if (plan.replication().isPresent()) {
                ReplicationSettings r = plan.replication().get();
                try {
                    new ReplicationConnector(targetMysql).connect(new ReplicationConnector.Coordinates(sourceHost,
                            sourceMysqlPort, logFile, logPos, gtid), r.replicationUser(), r.replicationPassword(),
                            Duration.ofSeconds(60));
                } catch (SQLException e) {
                    cleanupAfterFailure(id, m);
                    throw new SeedFailedException("ConnectSlave on " + targetHost + " failed: " + e.getMessage());
                }
                replicating = true;
                display.step("Replica    " + targetHost + " replicates from " + sourceHost + ":" + sourceMysqlPort);
            }

            target.get("cleanup/" + id + "/" + m + "/Target");
            source.get("cleanup/" + id + "/" + m + "/Source");
            await(List.of(target, source), id, "Cleanup", -1);
            for (AgentClient agent : List.of(target, source)) {
                agent.get("post-seed-cmd/" + id);
            }
            return new Report(id, logFile, logPos, gtid, mariadbGtid, Duration.between(started, Instant.now()),
                    replicating);
        } catch (AgentCallException e) {
            throw new SeedFailedException(e.getMessage());
        }
    }

    // orchestrator refuses to seed a host that is a replica; so does agentctl, before touching anything.
    // A target whose MySQL is down (a physical seed that failed half-way) cannot be replicating.
    private void refuseRunningReplica(DataSource target, String host) throws SeedFailedException {
        try {
            ReplicationConnector.ReplicaState state = new ReplicationConnector(target).state();
            if (state.ioRunning() || state.sqlRunning()) {
                throw new SeedFailedException("target " + host + " is a running replica; stop and reset its "
                        + "replication first (a seed would overwrite it)");
            }
        } catch (SQLException e) {
            display.step("Target MySQL on " + host + " does not answer (" + e.getMessage().lines().findFirst().orElse("")
                    + "); seeding it anyway");
        }
    }

    private void requireMethod(AgentClient agent, JsonNode data, String method) throws SeedFailedException {
        JsonNode methods = data.path("AvailiableSeedMethods");
        if (!methods.has(method)) {
            List<String> offered = new ArrayList<>();
            methods.fieldNames().forEachRemaining(offered::add);
            throw new SeedFailedException("agent " + agent.endpoint() + " does not offer " + method
                    + " (offered: " + (offered.isEmpty() ? "none" : String.join(", ", offered))
                    + "); see GET /api/plugins on that agent for why");
        }
    }

    private void await(List<AgentClient> agents, long id, String stage, long estimate)
            throws SeedFailedException, AgentCallException, InterruptedException {
        List<AgentClient> pending = new ArrayList<>(agents);
        Instant started = Instant.now();
        while (!pending.isEmpty()) {
            for (Iterator<AgentClient> it = pending.iterator(); it.hasNext(); ) {
                AgentClient agent = it.next();
                JsonNode p = agent.json("seed-progress/" + id + "/" + stage);
                String status = p.path("Status").asText();
                long total = p.path("BytesTotal").asLong(-1);
                display.progress(agent.endpoint().toString(), stage, p.path("BytesDone").asLong(),
                        total < 0 ? estimate : total, p.path("BytesPerSecond").asDouble(), p.path("Details").asText());
                if (status.equals("Completed")) {
                    it.remove();
                } else if (status.equals("Error")) {
                    throw new SeedFailedException(stage + " failed on " + agent.endpoint() + ": "
                            + p.path("Details").asText());
                }
            }
            if (!pending.isEmpty()) {
                Thread.sleep(POLL);
            }
        }
        display.step(String.format("%-10s done in %.1fs", stage, Duration.between(started, Instant.now()).toMillis() / 1000.0));
    }

    private void cleanupAfterFailure(long id, String m) {
        for (String side : List.of("Target", "Source")) {
            AgentClient agent = side.equals("Target") ? target : source;
            try {
                for (String stage : List.of("Prepare", "Backup", "Restore")) {
                    agent.get("abort-seed-stage/" + id + "/" + stage);
                }
                agent.get("cleanup/" + id + "/" + m + "/" + side);
                await(List.of(agent), id, "Cleanup", -1);
            } catch (Exception e) {
                display.step("cleanup on " + agent.endpoint() + " after the failure did not finish: " + e.getMessage());
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Faults in the middle of a seed between agents started from the distribution, with real MariaDB: an
 * agent killed with SIGKILL, an agent restarted, the transfer connection cut. Each must end with a clear
 * {@code Error} state, leave no process, listener, mount or temp file behind, leave the source
 * unchanged, and the next seed must produce a proven replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MidSeedFaultEndToEndTest {

    private static final String SECTIONS = SeedLab.DEFAULT_PLUGIN_SECTIONS
            + "\n[xtrabackup]\nenabled = true\nmysql-owner = \"\"";
    private static final long MIB = 1 << 20;
    /** The first user table the dump reads; while another session holds it, the dump waits. */
    private static final String HOLD_THE_DUMP = "LOCK TABLES sample_logs.events WRITE";

    @TempDir
    static Path dir;

    private FaultLab lab;
    private LabHost source;

    @BeforeAll
    void startLab() throws Exception {
        lab = new FaultLab(dir.resolve("lab"));
        // the cap stretches the Xtrabackup stream over seconds, so faults land in the middle of it
        source = lab.host("source", "127.0.0.41", 41, "transfer-bandwidth-limit = \"10MiB\"", SECTIONS);
        new SampleDataset(40_000).load(source.dataSource());
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void sourceAgentKilledMidBackupReportsTheInterruptedStageAndLeavesNothingBehind() throws Exception {
        LabHost target = lab.host("xb-crash", "127.0.0.42", 42, "", SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 4100;
        prepareBoth(seed, "Xtrabackup", s, t);
        s.call("backup/" + seed + "/Xtrabackup/127.0.0.42/" + source.mysql().port(), 202);
        awaitBytes(s, seed, "Backup", 4 * MIB);

        lab.agent(source).kill();
        lab.startAgentAgain(source);

        JsonNode backup = s.stage(seed, "Backup");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).isEqualTo("agent restarted during Backup");
        assertThat(backup.path("Hostname").asText()).isEqualTo("127.0.0.41");
        assertThat(t.stage(seed, "Prepare").path("Status").asText()).isEqualTo("Completed");
        t.abortAndCleanUp(seed, "Xtrabackup", "Target");
        s.abortAndCleanUp(seed, "Xtrabackup", "Source");

        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Xtrabackup", seed + 1, source, target);
    }

    @Test
    void targetAgentKilledMidRestoreReportsTheInterruptedStageAndLeavesNothingBehind() throws Exception {
        LabHost target = lab.host("dump-crash", "127.0.0.43", 43, "", SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 4200;
        prepareBoth(seed, "Mysqldump", s, t);
        t.call("backup/" + seed + "/Mysqldump/127.0.0.41/" + source.mysql().port(), 202);
        t.awaitStage(seed, "Backup", "Completed");
        t.call("restore/" + seed + "/Mysqldump", 202);
        Leftovers.awaitToolProcess(lab.root(), "mariadb", lab.dir(target) + "/agent-state/tmp/");
        awaitBytes(t, seed, "Restore", 2 * MIB);

        lab.agent(target).kill();
        lab.startAgentAgain(target);

        JsonNode restore = t.stage(seed, "Restore");
        assertThat(restore.path("Status").asText()).isEqualTo("Error");
        assertThat(restore.path("Details").asText()).isEqualTo("agent restarted during Restore");
        assertThat(restore.path("Hostname").asText()).isEqualTo("127.0.0.43");
        t.abortAndCleanUp(seed, "Mysqldump", "Target");
        s.abortAndCleanUp(seed, "Mysqldump", "Source");

        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void targetAgentKilledMidDumpHasItsOrphanedDumpStoppedOnceItIsBack() throws Exception {
        LabHost target = lab.host("dump-orphan", "127.0.0.44", 44, "", SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 4300;
        prepareBoth(seed, "Mysqldump", s, t);
        try (Connection lock = source.dataSource().getConnection(); Statement sql = lock.createStatement()) {
            sql.execute(HOLD_THE_DUMP); // the dump waits for it, so it is surely running when the agent dies
            t.call("backup/" + seed + "/Mysqldump/127.0.0.41/" + source.mysql().port(), 202);
            String dump = Leftovers.awaitToolProcess(lab.root(), "mariadb-dump", lab.dir(target) + "/agent-state/tmp/");

            lab.agent(target).kill();
            assertThat(Leftovers.toolProcesses(lab.root())).as("a JVM killed with SIGKILL cannot stop its children")
                    .containsExactly(dump);
            lab.startAgentAgain(target);

            assertThat(Leftovers.toolProcesses(lab.root())).as("the dump the killed agent left running").isEmpty();
            sql.execute("UNLOCK TABLES");
        }
        JsonNode backup = t.stage(seed, "Backup");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).isEqualTo("agent restarted during Backup");
        t.abortAndCleanUp(seed, "Mysqldump", "Target");
        s.abortAndCleanUp(seed, "Mysqldump", "Source");

        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void agentRestartedMidSeedReportsTheStageItShutDownDuring() throws Exception {
        LabHost target = lab.host("dump-restart", "127.0.0.45", 45, "", SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 4400;
        prepareBoth(seed, "Mysqldump", s, t);
        try (Connection lock = source.dataSource().getConnection(); Statement sql = lock.createStatement()) {
            sql.execute(HOLD_THE_DUMP);
            t.call("backup/" + seed + "/Mysqldump/127.0.0.41/" + source.mysql().port(), 202);
            Leftovers.awaitToolProcess(lab.root(), "mariadb-dump", lab.dir(target) + "/agent-state/tmp/");

            lab.agent(target).close(); // SIGTERM: the agent shuts down gracefully
            assertThat(Leftovers.toolProcesses(lab.root())).isEmpty();
            lab.startAgentAgain(target);
            sql.execute("UNLOCK TABLES");
        }
        JsonNode backup = t.stage(seed, "Backup");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).isEqualTo("agent shut down during Backup");
        assertThat(t.stage(seed, "Prepare").path("Status").asText()).isEqualTo("Completed");
        t.abortAndCleanUp(seed, "Mysqldump", "Target");
        s.abortAndCleanUp(seed, "Mysqldump", "Source");

        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Mysqldump", seed + 1, source, target);
    }

    @Test
    void transferConnectionCutMidStreamFailsTheBackupWithTheReason() throws Exception {
        LabHost target = lab.host("xb-cut", "127.0.0.46", 46, "", SECTIONS);
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        long seed = 4500;
        CompletableFuture<FaultLab.Agentctl> agentctl = CompletableFuture.supplyAsync(
                () -> lab.seed("Xtrabackup", seed, source, target));
        awaitBytes(s, seed, "Backup", 4 * MIB);

        // the kernel aborts the source's end of the stream connection and resets the target's end
        cut("127.0.0.46");

        FaultLab.Agentctl run = agentctl.get(3, TimeUnit.MINUTES);
        assertThat(run.exitCode()).as(run.errors()).isNotZero();
        assertThat(run.errors()).contains("Backup failed on 127.0.0.41:").contains("127.0.0.46:" + FaultLab.SEED_PORT);
        JsonNode backup = s.stage(seed, "Backup");
        assertThat(backup.path("Status").asText()).isEqualTo("Error");
        assertThat(backup.path("Details").asText()).contains("Xtrabackup backup failed")
                .contains("the connection to the target 127.0.0.46:" + FaultLab.SEED_PORT + " broke after");

        lab.assertNothingLeftBehind();
        assertThat(FaultLab.checksums(source)).isEqualTo(before);
        lab.assertNextSeedSucceeds("Xtrabackup", seed + 1, source, target);
    }

    private static void prepareBoth(long seed, String method, SeedStageApi source, SeedStageApi target)
            throws IOException, InterruptedException {
        target.call("prepare/" + seed + "/" + method + "/Target", 202);
        source.call("prepare/" + seed + "/" + method + "/Source", 202);
        target.awaitStage(seed, "Prepare", "Completed");
        source.awaitStage(seed, "Prepare", "Completed");
    }

    /** Waits until the running stage has moved at least {@code bytes}, so the fault lands mid-stream. */
    private static void awaitBytes(SeedStageApi agent, long seed, String stage, long bytes) throws Exception {
        agent.awaitStage(seed, stage, "Running", "Completed", "Error");
        Instant deadline = Instant.now().plusSeconds(120);
        while (agent.bytesDone(seed, stage) < bytes) {
            String status = agent.stage(seed, stage).path("Status").asText();
            assertThat(status).as("%s of seed %d ended before %d bytes", stage, seed, bytes).isEqualTo("Running");
            assertThat(Instant.now()).as("%s of seed %d reached %d bytes", stage, seed, bytes).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void cut(String target) throws Exception {
        Process ss = new ProcessBuilder("ss", "-K", "-t", "dst", target, "dport", "=", ":" + FaultLab.SEED_PORT)
                .redirectErrorStream(true).start();
        String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // ss lists each socket it destroyed; Java's sockets show IPv4-mapped addresses ([::ffff:127.0.0.46]:21234)
        assertThat(output.lines().skip(1)).as("ss -K: %s", output)
                .anyMatch(line -> line.startsWith("ESTAB") && line.contains(target + "]:" + FaultLab.SEED_PORT));
    }
}

package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.SeedLab;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Faults in the middle of a seed between agents started from the distribution, with real MariaDB: an
 * agent killed with SIGKILL, an agent restarted, the transfer connection cut. Each must end with a clear
 * {@code Error} state, leave no process, listener, mount or temp file behind, leave the source
 * unchanged, and the next seed must produce a proven replica.
 *
 * <p>Every fault lands at a point the test proves, never at a moment it guesses: the backup or restore
 * tool runs behind a {@link ToolGate} that holds its stream after the first bytes until the test opens
 * it, or the dump waits for a table lock the test holds. While held, the stage is provably mid-stream and
 * cannot finish, on a fast idle machine as on a slow loaded one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MidSeedFaultEndToEndTest {

    private static final long MIB = 1 << 20;
    /** The first user table the dump reads; while another session holds it, the dump waits. */
    private static final String HOLD_THE_DUMP = "LOCK TABLES sample_logs.events WRITE";
    private static final Duration GATE_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private FaultLab lab;
    private LabHost source;
    /** Holds the source's {@code mariabackup --backup} stream after its first MiB when armed. */
    private ToolGate backupGate;

    @BeforeAll
    void startLab() throws Exception {
        lab = new FaultLab(dir.resolve("lab"));
        backupGate = ToolGate.install(dir.resolve("gates/source-backup"),
                MariaDbSandbox.binary("mariabackup", "mariadb-backup").toString(), ToolGate.Held.STDOUT, "--backup", MIB);
        source = lab.host("source", "127.0.0.41", 41, "", sections(backupGate.program(), null));
        new SampleDataset(40_000).load(source.dataSource());
    }

    @AfterEach
    void endTest() throws Exception {
        backupGate.open();
        lab.endTest();
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void sourceAgentKilledMidBackupReportsTheInterruptedStageAndLeavesNothingBehind() throws Exception {
        LabHost target = lab.testHost("xb-crash", "127.0.0.42", 42, "", sections(null, null));
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        SeedStageApi t = new SeedStageApi(target);
        long seed = 4100;
        prepareBoth(seed, "Xtrabackup", s, t);
        backupGate.arm();
        s.call("backup/" + seed + "/Xtrabackup/127.0.0.42/" + source.mysql().port(), 202);
        backupGate.awaitHeld(GATE_LIMIT);
        assertThat(s.stage(seed, "Backup").path("Status").asText()).isEqualTo("Running");

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
        ToolGate restoreGate = ToolGate.install(dir.resolve("gates/dump-crash-restore"),
                MariaDbSandbox.binary("mariadb", "mysql").toString(), ToolGate.Held.STDIN, "--defaults-extra-file", MIB);
        try (restoreGate) {
            LabHost target = lab.testHost("dump-crash", "127.0.0.43", 43, "", sections(null, restoreGate.program()));
            SortedMap<String, Long> before = FaultLab.checksums(source);
            SeedStageApi s = new SeedStageApi(source);
            SeedStageApi t = new SeedStageApi(target);
            long seed = 4200;
            prepareBoth(seed, "Mysqldump", s, t);
            t.call("backup/" + seed + "/Mysqldump/127.0.0.41/" + source.mysql().port(), 202);
            t.awaitStage(seed, "Backup", "Completed");
            restoreGate.arm();
            t.call("restore/" + seed + "/Mysqldump", 202);
            restoreGate.awaitHeld(GATE_LIMIT);
            assertThat(t.stage(seed, "Restore").path("Status").asText()).isEqualTo("Running");

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
    }

    @Test
    void targetAgentKilledMidDumpHasItsOrphanedDumpStoppedOnceItIsBack() throws Exception {
        LabHost target = lab.testHost("dump-orphan", "127.0.0.44", 44, "", sections(null, null));
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
        LabHost target = lab.testHost("dump-restart", "127.0.0.45", 45, "", sections(null, null));
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
        assumeThat(System.getProperty("user.name")).as("ss -K needs root").isEqualTo("root");
        LabHost target = lab.testHost("xb-cut", "127.0.0.46", 46, "", sections(null, null));
        SortedMap<String, Long> before = FaultLab.checksums(source);
        SeedStageApi s = new SeedStageApi(source);
        long seed = 4500;
        backupGate.arm();
        CompletableFuture<FaultLab.Agentctl> agentctl = CompletableFuture.supplyAsync(
                () -> lab.seed("Xtrabackup", seed, source, target));
        FaultLab.Agentctl run;
        try {
            backupGate.awaitHeld(GATE_LIMIT);
            // the stream is open and the backup cannot end: the kernel aborts the source's end of the
            // connection and resets the target's end, then the backup tool goes on writing
            Connections.cut("127.0.0.46", FaultLab.SEED_PORT);
        } finally {
            backupGate.open();
            run = agentctl.get(3, TimeUnit.MINUTES);
        }

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

    /** Plugin sections with the logical methods and Xtrabackup, optionally with gated tools. */
    private static String sections(Path backupCommand, Path restoreClient) {
        return String.join("\n", "[mysqldump]", "enabled = true",
                restoreClient == null ? "" : "client-command = \"" + restoreClient + "\"",
                "[mydumper]", "enabled = true",
                "[xtrabackup]", "enabled = true", "mysql-owner = \"\"",
                backupCommand == null ? "" : "backup-command = \"" + backupCommand + "\"");
    }

    private static void prepareBoth(long seed, String method, SeedStageApi source, SeedStageApi target)
            throws IOException, InterruptedException {
        target.call("prepare/" + seed + "/" + method + "/Target", 202);
        source.call("prepare/" + seed + "/" + method + "/Source", 202);
        target.awaitStage(seed, "Prepare", "Completed");
        source.awaitStage(seed, "Prepare", "Completed");
    }
}

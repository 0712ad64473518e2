package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * Seeds driven the way orchestrator's seed fork drives them ({@link OrchestratorSeedLoop}), through agents
 * from the distribution with real MariaDB: a Backup that fails once is retried from Prepare on both agents
 * and the seed completes with the replica proven; a seed that keeps failing ends Failed after orchestrator's
 * three retries with no Cleanup sent, and the agents clean up after it on their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorRetryEndToEndTest {

    private static final Duration SEED_LIMIT = Duration.ofMinutes(6);

    @TempDir
    static Path dir;

    private FaultLab lab;
    private LabHost source;
    private String realBackupTool;
    /** Holds the source's {@code mariabackup --backup} stream after its first MiB when armed. */
    private ToolGate backupGate;

    @BeforeAll
    void startLab() throws Exception {
        lab = new FaultLab(dir.resolve("lab"));
        realBackupTool = MariaDbSandbox.binary("mariabackup", "mariadb-backup").toString();
        backupGate = ToolGate.install(dir.resolve("gates/source-backup"), realBackupTool, ToolGate.Held.STDOUT,
                "--backup", 1 << 20);
        source = lab.host("source", "127.0.0.81", 81, "", sections(backupGate.program()));
        new SampleDataset(5_000).load(source.dataSource());
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
    void anXtrabackupBackupKilledOnceIsRetriedFromPrepareAndTheSeedCompletes() throws Exception {
        LabHost target = lab.testHost("xb-retry", "127.0.0.82", 82, "", sections(null));
        long seed = 8100;
        backupGate.arm();
        CompletableFuture<OrchestratorSeedLoop.Outcome> seeding = seedAsync(seed, "Xtrabackup", target);
        OrchestratorSeedLoop.Outcome outcome;
        try {
            backupGate.awaitHeld(SEED_LIMIT);
            // mid-stream, and the stream cannot end: the backup tool dies as an OOM kill would take it
            ProcessHandle tool = ProcessHandle.of(lab.agent(source).pid()).orElseThrow().descendants()
                    .filter(p -> LabProcesses.cmdline(p).startsWith(realBackupTool + " ")).findFirst().orElseThrow();
            tool.destroyForcibly();
            tool.onExit().get(30, TimeUnit.SECONDS);
        } finally {
            backupGate.open();
            outcome = seeding.get(SEED_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(outcome.status()).as("%s", outcome).isEqualTo("Completed");
        assertThat(outcome.errors()).as("%s", outcome).hasSize(1);
        assertThat(outcome.errors().getFirst()).contains("Backup failed on source").contains("Xtrabackup backup failed");
        assertRestartedFromPrepareOnce(outcome, seed);
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
        lab.assertNothingLeftBehind();
    }

    @Test
    void aSeedFailingEveryTimeEndsFailedWithoutCleanupAndTheTargetCleansUpOnItsOwn() throws Exception {
        LabHost target = lab.testHost("dump-abandoned", "127.0.0.83", 83, "abandoned-seed-cleanup-after = \"2s\"",
                sections(null));
        long seed = 8200;
        OrchestratorSeedLoop.Outcome outcome;
        // every dump fails at once while the source's MySQL is down
        LoopBtrfs.run(source.serviceScript().toString(), "stop");
        try {
            outcome = new OrchestratorSeedLoop(seed, "Mysqldump", source, target).run(SEED_LIMIT);
        } finally {
            LoopBtrfs.run(source.serviceScript().toString(), "start");
        }

        assertThat(outcome.status()).as("%s", outcome).isEqualTo("Failed");
        assertThat(outcome.stage()).as("a seed failed in Backup is recorded with stage Prepare").isEqualTo("Prepare");
        assertThat(outcome.retries()).isEqualTo(OrchestratorSeedLoop.MAX_RETRIES_FOR_SEED_STAGE);
        assertThat(outcome.errors()).hasSize(OrchestratorSeedLoop.MAX_RETRIES_FOR_SEED_STAGE + 1)
                .allMatch(e -> e.contains("Backup failed on dump-abandoned") && e.contains("Can't connect"));
        assertThat(outcome.callsOf("prepare/")).hasSize(2 * (OrchestratorSeedLoop.MAX_RETRIES_FOR_SEED_STAGE + 1));
        assertThat(outcome.callsOf("cleanup/")).as("orchestrator sends no Cleanup after a failure").isEmpty();
        assertThat(outcome.callsOf("abort-seed-stage/")).isEmpty();

        // nobody calls any more: the target removes the failed attempt's dump on its own
        awaitNothingLeftBehind(Duration.ofMinutes(1));
        assertThat(Files.readString(lab.dir(target).resolve("agent.log")))
                .containsPattern("seed=" + seed + " abandoned: .*running the Mysqldump cleanup for the Target side");

        OrchestratorSeedLoop.Outcome next = new OrchestratorSeedLoop(seed + 1, "Mysqldump", source, target).run(SEED_LIMIT);
        assertThat(next.status()).as("%s", next).isEqualTo("Completed");
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
    }

    /** Prepare twice on each agent, Backup twice on the source, one Cleanup per agent and only at the end. */
    static void assertRestartedFromPrepareOnce(OrchestratorSeedLoop.Outcome outcome, long seed) {
        assertThat(outcome.callsOf("prepare/" + seed + "/")).hasSize(4);
        assertThat(outcome.callsOf("backup/" + seed + "/")).hasSize(2);
        assertThat(outcome.callsOf("cleanup/" + seed + "/")).hasSize(2);
        List<String> calls = outcome.calls();
        int lastBackup = calls.lastIndexOf(outcome.callsOf("backup/").getLast());
        int secondPrepare = calls.indexOf(outcome.callsOf("prepare/").get(2));
        int firstCleanup = calls.indexOf(outcome.callsOf("cleanup/").getFirst());
        assertThat(secondPrepare).as("the retry starts from Prepare").isLessThan(lastBackup);
        assertThat(firstCleanup).as("Cleanup only after the retried seed").isGreaterThan(lastBackup);
    }

    private CompletableFuture<OrchestratorSeedLoop.Outcome> seedAsync(long seed, String method, LabHost target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new OrchestratorSeedLoop(seed, method, source, target).run(SEED_LIMIT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitNothingLeftBehind(Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                lab.assertNothingLeftBehind();
                return;
            } catch (AssertionError stillThere) {
                if (Instant.now().isAfter(deadline)) {
                    throw stillThere;
                }
            }
            Thread.sleep(500);
        }
    }

    /** Plugin sections with Mysqldump and Xtrabackup, optionally with a gated backup tool. */
    private static String sections(Path backupCommand) {
        return String.join("\n", "[mysqldump]", "enabled = true", "[mydumper]", "enabled = true",
                "[xtrabackup]", "enabled = true", "mysql-owner = \"\"",
                backupCommand == null ? "" : "backup-command = \"" + backupCommand + "\"");
    }
}

package io.orcagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.runtime.lab.AgentProcess;
import io.orcagent.runtime.lab.LabHost;
import io.orcagent.runtime.lab.LoopBtrfs;
import io.orcagent.runtime.lab.ReplicaProof;
import io.orcagent.runtime.lab.SnapshotScript;
import io.orcagent.runtime.sandbox.MariaDbSandbox;
import io.orcagent.runtime.sandbox.SampleDataset;

/**
 * LVM seeds with the btrfs snapshot provider on a loop-device filesystem, driven the way orchestrator's
 * seed fork drives them ({@link OrchestratorSeedLoop}), through agents from the distribution: a transfer
 * cut mid-stream fails the Backup once, orchestrator restarts the seed from Prepare and it completes;
 * and twenty seeds in a row all complete, each replica proven (the receiver once failed about one
 * tar-streamed seed in three when {@code tar -x} ended before the end-of-stream marker).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LvmSeedsUnderOrchestratorEndToEndTest {

    private static final Duration SEED_LIMIT = Duration.ofMinutes(5);
    private static final int SEEDS_IN_A_ROW = 20;

    @TempDir
    static Path dir;

    private LoopBtrfs fs;
    private FaultLab lab;
    private LabHost source;
    private LabHost target;
    /** Holds the source's {@code tar -c} stream after its first MiB when armed. */
    private ToolGate tarGate;

    @BeforeAll
    void startLab() throws Exception {
        assumeThat(LoopBtrfs.possible()).as("needs root, losetup and btrfs-progs").isTrue();
        fs = LoopBtrfs.create(Files.createDirectories(dir.resolve("btrfs")));
        lab = new FaultLab(fs.mountPoint().resolve("lab"));
        Files.createDirectories(lab.dir("lvm-source"));
        Files.createDirectories(lab.dir("lvm-target"));
        Path sourceSubvolume = fs.subvolume("lab/lvm-source/mysql");
        Path sourceSnapshots = Files.createDirectories(fs.mountPoint().resolve("lvm-source-snapshots"));
        String snapshot = SnapshotScript.write(MariaDbSandbox.socket(sourceSubvolume),
                MariaDbSandbox.datadir(sourceSubvolume), sourceSubvolume, sourceSnapshots,
                Files.createDirectories(fs.mountPoint().resolve("lvm-source-scripts")));
        tarGate = ToolGate.install(lab.dir("lvm-source").resolve(AgentProcess.TOOLS_DIR), systemTar(),
                ToolGate.Held.STDOUT, "-c", 1 << 20);
        source = lab.host("lvm-source", "127.0.0.91", 91, "", PhysicalSeedEndToEndTest.lvmSections(sourceSubvolume, sourceSnapshots, snapshot));
        new SampleDataset(3000).load(source.dataSource());
        Path targetSubvolume = fs.subvolume("lab/lvm-target/mysql");
        Path targetSnapshots = Files.createDirectories(fs.mountPoint().resolve("lvm-target-snapshots"));
        target = lab.host("lvm-target", "127.0.0.92", 92, "", PhysicalSeedEndToEndTest.lvmSections(targetSubvolume, targetSnapshots, ""));
    }

    @AfterEach
    void endTest() throws Exception {
        if (tarGate != null) {
            tarGate.open();
        }
        if (lab != null) {
            lab.endTest();
        }
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void aTransferCutMidStreamIsRetriedFromPrepareAndTheSeedCompletes() throws Exception {
        assumeThat(System.getProperty("user.name")).as("ss -K needs root").isEqualTo("root");
        long seed = 9100;
        tarGate.arm();
        CompletableFuture<OrchestratorSeedLoop.Outcome> seeding = CompletableFuture.supplyAsync(() -> {
            try {
                return new OrchestratorSeedLoop(seed, "LVM", source, target).run(SEED_LIMIT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        OrchestratorSeedLoop.Outcome outcome;
        try {
            tarGate.awaitHeld(SEED_LIMIT);
            // the stream is open and cannot end: the kernel aborts both ends of the connection
            Connections.cut("127.0.0.92", FaultLab.SEED_PORT);
        } finally {
            tarGate.open();
            outcome = seeding.get(SEED_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(outcome.status()).as("%s", outcome).isEqualTo("Completed");
        assertThat(outcome.errors()).as("%s", outcome).hasSize(1);
        assertThat(outcome.errors().getFirst()).contains("Backup failed on lvm-source");
        OrchestratorRetryEndToEndTest.assertRestartedFromPrepareOnce(outcome, seed);
        assertProven();
        lab.assertNothingLeftBehind();
    }

    @Test
    void twentySeedsInARowAllComplete() throws Exception {
        for (int i = 1; i <= SEEDS_IN_A_ROW; i++) {
            long seed = 9200 + i;
            OrchestratorSeedLoop.Outcome outcome = new OrchestratorSeedLoop(seed, "LVM", source, target).run(SEED_LIMIT);
            assertThat(outcome.status()).as("seed %d of %d: %s", i, SEEDS_IN_A_ROW, outcome).isEqualTo("Completed");
            assertThat(outcome.errors()).as("seed %d of %d", i, SEEDS_IN_A_ROW).isEmpty();
            assertProven();
        }
        lab.assertNothingLeftBehind();
    }

    private void assertProven() throws Exception {
        ReplicaProof proof = ReplicaProof.check(source.dataSource(), target.dataSource(), Duration.ofSeconds(30));
        assertThat(proof.proven()).as(proof.toString()).isTrue();
    }

    private static String systemTar() throws IOException {
        for (String candidate : new String[] {"/usr/bin/tar", "/bin/tar"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IOException("no tar in /usr/bin or /bin");
    }
}

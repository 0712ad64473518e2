package io.orcagent.runtime.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.Peer;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.seed.legacy.LegacySeedCopies;
import io.orcagent.runtime.transfer.AgentTransferService;
import io.orcagent.runtime.transfer.TransferSettings;

/**
 * Issue 10 item 1: two engines (a target and a source agent) with the real transfer service, driven the way
 * orchestrator drives a streaming seed, including its retry from Prepare after a failed Backup.
 */
class SeedRetryTest {

    static final String TARGET = "127.0.0.3";
    private static final long SEED = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private int port;
    private Agent target;
    private Agent source;

    @BeforeEach
    void agents() throws IOException {
        port = freePort();
        Path data = Files.createDirectories(dir.resolve("source-datadir"));
        Files.write(data.resolve("ibdata1"), new byte[3 * 1024 * 1024 + 11]);
        Files.writeString(data.resolve("global_priv.MYD"), "root");
        target = agent("target", TARGET, data);
        source = agent("source", "127.0.0.2", data);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        runner.shutdown();
    }

    Agent agent(String name, String bind, Path sourceData) throws IOException {
        return agent(name, bind, sourceData, Clock.systemUTC(), Duration.ZERO);
    }

    Agent agent(String name, String bind, Path sourceData, Clock clock, Duration abandonedAfter) throws IOException {
        AgentTransferService transfer = new AgentTransferService(new TransferSettings(bind, port, Optional.empty(), 0,
                Duration.ofSeconds(2)), runner);
        Path home = Files.createDirectories(dir.resolve(name));
        StreamedMethod method = new StreamedMethod(transfer, Files.createDirectories(home.resolve("datadir")),
                Files.createDirectories(home.resolve("backup")), sourceData);
        SeedEngine engine = new SeedEngine(name, SeedEngineTest.methods("Streamed", method),
                new RunnerProcessScopes(runner), new SeedJournal(home.resolve("state")), clock, SeedListener.NONE,
                transfer, abandonedAfter);
        closing.add(transfer);
        closing.add(engine);
        return new Agent(engine, transfer, method, home.resolve("state"));
    }

    @Test
    void prepareAfterAFailedBackupReopensTheTargetsReceiverAndTheRetriedSeedSucceeds() throws Exception {
        prepareBoth();
        // a repeated Prepare while the receiver waits is a duplicate
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);
        assertThat(target.method.prepares.get()).isEqualTo(1);

        source.method.failBackup = true;
        assertThat(source.engine.backup(SEED, "Streamed", new Peer(TARGET, 3306))).isEqualTo(StartOutcome.STARTED);
        assertThat(awaitStatus(source.engine, Stage.BACKUP, StageStatus.Error).details())
                .contains("exited with 3: disk on fire");

        // orchestrator restarts the seed from Prepare on both agents
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        assertThat(source.engine.prepare(SEED, "Streamed", Side.SOURCE)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(target.engine, Stage.PREPARE, StageStatus.Completed);
        awaitStatus(source.engine, Stage.PREPARE, StageStatus.Completed);
        assertThat(target.method.prepares.get()).isEqualTo(2);
        assertThat(journal(target)).containsExactly("attempt 2", "Prepare Completed");
        assertThat(journal(source)).containsExactly("attempt 2", "Prepare Completed"); // Backup's error is gone
        // and the retried Prepare is valid again: a repeat is a duplicate
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);

        source.method.failBackup = false;
        assertThat(source.engine.backup(SEED, "Streamed", new Peer(TARGET, 3306))).isEqualTo(StartOutcome.STARTED);
        awaitStatus(source.engine, Stage.BACKUP, StageStatus.Completed);
        assertThat(target.engine.restore(SEED, "Streamed")).isEqualTo(StartOutcome.STARTED);
        awaitStatus(target.engine, Stage.RESTORE, StageStatus.Completed);
        assertThat(target.method.datadir.resolve("ibdata1")).hasSize(3 * 1024 * 1024 + 11);
        assertThat(journal(target)).containsExactly("attempt 2", "Prepare Completed", "Restore Completed");
    }

    @Test
    void prepareAfterAnAbortedBackupReopensTheTargetsReceiver() throws Exception {
        prepareBoth();
        source.method.stallBackup = true;
        source.engine.backup(SEED, "Streamed", new Peer(TARGET, 3306));
        awaitTrue(() -> target.transfer.spent(SEED).isPresent(), "the source connected");

        assertThat(source.engine.abort(SEED, Stage.BACKUP)).isTrue();
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);

        awaitStatus(target.engine, Stage.PREPARE, StageStatus.Completed);
        assertThat(target.method.prepares.get()).isEqualTo(2);
        assertThat(target.transfer.spent(SEED)).isEmpty(); // a fresh receiver waits
    }

    @Test
    void prepareAfterTheTargetAgentRestartedReopensTheReceiver() throws Exception {
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(target.engine, Stage.PREPARE, StageStatus.Completed);
        target.engine.close();
        target.transfer.close(); // the process is gone, and with it the receiver

        Agent restarted = agent("target", TARGET, dir.resolve("source-datadir"));
        assertThat(restarted.engine.state(SEED, Stage.PREPARE).status()).isEqualTo(StageStatus.Completed);
        assertThat(restarted.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(restarted.engine, Stage.PREPARE, StageStatus.Completed);
        assertThat(restarted.transfer.receiver(SEED)).isPresent();
    }

    @Test
    void aRepeatedPrepareWhilePrepareRunsIsADuplicate() throws Exception {
        target.method.prepareGate = new java.util.concurrent.CountDownLatch(1);
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);
        target.method.prepareGate.countDown();
        awaitStatus(target.engine, Stage.PREPARE, StageStatus.Completed);
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);
        assertThat(target.method.prepares.get()).isEqualTo(1);
        assertThat(journal(target)).containsExactly("attempt 1", "Prepare Completed");
    }

    @Test
    void theLegacyFlavoursRepeatedReceiveAfterAFailedCopyOpensANewReceiver() throws Exception {
        LegacySeedCopies targetCopies = new LegacySeedCopies(target.transfer, new RunnerProcessScopes(runner));
        LegacySeedCopies sourceCopies = new LegacySeedCopies(source.transfer, new RunnerProcessScopes(runner));
        closing.add(targetCopies);
        closing.add(sourceCopies);
        Path datadir = target.method.datadir;
        targetCopies.receive(SEED, datadir);
        sourceCopies.send(SEED, TARGET, dir.resolve("no-such-snapshot"));
        awaitTrue(() -> targetCopies.completed(SEED) && sourceCopies.completed(SEED), "the failed copy ended");
        assertThat(targetCopies.succeeded(SEED)).isFalse();

        targetCopies.receive(SEED, datadir);
        sourceCopies.send(SEED, TARGET, dir.resolve("source-datadir"));

        awaitTrue(() -> targetCopies.completed(SEED) && sourceCopies.completed(SEED), "the second copy ended");
        assertThat(targetCopies.succeeded(SEED)).isTrue();
        assertThat(datadir.resolve("ibdata1")).hasSize(3 * 1024 * 1024 + 11);
    }

    void prepareBoth() throws Exception {
        assertThat(target.engine.prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        assertThat(source.engine.prepare(SEED, "Streamed", Side.SOURCE)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(target.engine, Stage.PREPARE, StageStatus.Completed);
        awaitStatus(source.engine, Stage.PREPARE, StageStatus.Completed);
    }

    /** The persisted seed, read as JSON: its attempt, then "stage status" for each stage in stage order. */
    static List<String> journal(Agent agent) throws IOException {
        JsonNode node = JSON.readTree(agent.stateDir.resolve("seed-journal.json").toFile());
        List<String> stages = new ArrayList<>();
        for (JsonNode stage : node.path("stages")) {
            stages.add(stage.path("stage").asText() + " " + stage.path("status").asText());
        }
        stages.sort(java.util.Comparator.comparing(st -> WireNames.stage(st.substring(0, st.indexOf(' '))).orElseThrow()));
        List<String> out = new ArrayList<>();
        out.add("attempt " + node.path("attempt").asInt(1));
        out.addAll(stages);
        return out;
    }

    static StageState awaitStatus(SeedEngine e, Stage stage, StageStatus status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        StageState s = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                s = e.state(SEED, stage);
                if (s.status() == status) {
                    return s;
                }
            } catch (SeedRequestException ignored) {
                // not there yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stage " + stage + " did not reach " + status + ": " + s);
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(TARGET))) {
            return probe.getLocalPort();
        }
    }

    static boolean listening(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    record Agent(SeedEngine engine, AgentTransferService transfer, StreamedMethod method, Path stateDir) {
    }

    /**
     * A streaming method shaped like LVM: the target empties its datadir, leaves a lock file and opens a tar
     * receiver in Prepare; the source "mounts" (a marker in its backup dir) in Prepare and streams in Backup;
     * the target awaits the stream in Restore; Cleanup removes the lock file and the mount marker.
     */
    static final class StreamedMethod implements SeedMethod {
        final TransferService transfer;
        final Path datadir;
        final Path backupDir;
        final Path sourceData;
        final AtomicInteger prepares = new AtomicInteger();
        final List<String> cleanups = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile java.util.concurrent.CountDownLatch prepareGate = new java.util.concurrent.CountDownLatch(0);
        volatile boolean failBackup;
        volatile boolean stallBackup;

        StreamedMethod(TransferService transfer, Path datadir, Path backupDir, Path sourceData) {
            this.transfer = transfer;
            this.datadir = datadir;
            this.backupDir = backupDir;
            this.sourceData = sourceData;
        }

        @Override
        public SeedMethodInfo info() {
            return new SeedMethodInfo(Side.SOURCE, true, SeedMethodInfo.ALL_ENGINES);
        }

        @Override
        public Availability probe() {
            return Availability.usable();
        }

        @Override
        public void prepare(StageContext stage) throws Exception {
            prepares.incrementAndGet();
            prepareGate.await();
            if (stage.side() == Side.SOURCE) {
                Files.writeString(mountMarker(), "mounted for seed " + stage.seedId());
                return;
            }
            try (Stream<Path> old = Files.list(datadir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Files.writeString(lockFile(), "");
            transfer.receive(stage, Command.of("tar", "-x", "-f", "-", "-C", datadir.toString()));
        }

        @Override
        public void backup(StageContext stage) throws Exception {
            String data = sourceData.toString();
            Command producer = failBackup
                    ? Command.of("sh", "-c", "tar -c -f - -C \"$1\" . | head -c 100000; echo 'disk on fire' >&2; exit 3",
                            "producer", data)
                    : stallBackup
                    ? Command.of("sh", "-c", "head -c 100000 /dev/zero; sleep 300", "producer")
                    : Command.of("tar", "-c", "-f", "-", "-C", data, ".");
            transfer.send(stage, stage.peer().orElseThrow().host(), producer);
        }

        @Override
        public void restore(StageContext stage) throws Exception {
            transfer.receiver(stage.seedId()).orElseThrow().await(Duration.ofSeconds(20));
            Files.deleteIfExists(lockFile());
        }

        @Override
        public BinlogCoordinates metadata(StageContext stage) {
            return BinlogCoordinates.positional("mysql-bin.000001", 4);
        }

        @Override
        public void cleanup(StageContext stage) throws IOException {
            cleanups.add(stage.seedId() + " " + stage.side().wireName());
            if (stage.side() == Side.SOURCE) {
                Files.deleteIfExists(mountMarker());
            } else {
                Files.deleteIfExists(lockFile());
            }
        }

        Path lockFile() {
            return datadir.resolve("orchestrator-agent.lock");
        }

        Path mountMarker() {
            return backupDir.resolve("mounted");
        }
    }
}

package io.orcagent.runtime.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.Command;
import io.orcagent.api.Peer;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.ProcessTree;

class SeedEngineTest {

    @TempDir
    Path state;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private final ScriptedMethod method = new ScriptedMethod();
    private SeedEngine engine;

    private SeedEngine engine() {
        engine = new SeedEngine("db1.example.com", methods(method), new RunnerProcessScopes(runner),
                new SeedJournal(state), Clock.systemUTC(), SeedListener.NONE, SeedResources.NONE);
        return engine;
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        runner.shutdown();
    }

    @Test
    void stageRunsInTheBackgroundAndKeepsAnsweringCompleted() throws Exception {
        SeedEngine e = engine();
        assertThat(e.prepare(7, "Scripted", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        StageState done = awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        assertThat(done.hostname()).isEqualTo("db1.example.com");
        assertThat(done.details()).isEqualTo("Stage completed");
        assertThat(e.state(7, Stage.PREPARE).status()).isEqualTo(StageStatus.Completed);
    }

    @Test
    void stageDurationsAreMeasuredOnTheEnginesClock() throws Exception {
        // A clock that is not the wall clock (a test clock, or a zone-shifted one): a stage's start and end
        // must both come from it, or the duration is the distance between the two clocks.
        Clock fixed = Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        CopyOnWriteArrayList<Duration> took = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        engine = new SeedEngine("db1.example.com", methods(method), new RunnerProcessScopes(runner),
                new SeedJournal(state), fixed, new SeedListener() {
                    @Override
                    public void stageEnded(String m, Stage stage, StageStatus status, Duration duration) {
                        took.add(duration);
                        ended.countDown();
                    }
                }, SeedResources.NONE);

        engine.prepare(7, "Scripted", Side.TARGET);

        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(took).containsExactly(Duration.ZERO);
    }

    @Test
    void repeatedStageCallDoesNotRunTheStageAgain() throws Exception {
        SeedEngine e = engine();
        method.prepareGate = new CountDownLatch(1);
        e.prepare(7, "Scripted", Side.TARGET);
        assertThat(e.prepare(7, "Scripted", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);
        method.prepareGate.countDown();
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        assertThat(e.prepare(7, "Scripted", Side.TARGET)).isEqualTo(StartOutcome.ALREADY_STARTED);
        assertThat(method.prepareRuns.get()).isEqualTo(1);
    }

    @Test
    void prepareAfterABackupErrorIsARetryAndRunsAgain() throws Exception {
        SeedEngine e = engine();
        e.prepare(7, "Scripted", Side.TARGET);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        method.backupFailure = "mysqldump: Got error: 2003";
        e.backup(7, "Scripted", new Peer("127.0.0.2", 3306));
        StageState failed = awaitStatus(e, 7, Stage.BACKUP, StageStatus.Error);
        assertThat(failed.details()).contains("mysqldump: Got error: 2003");
        assertThat(e.prepare(7, "Scripted", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        assertThat(method.prepareRuns.get()).isEqualTo(2);
        assertThatThrownBy(() -> e.state(7, Stage.BACKUP)).hasMessage("SeedID 7 on stage Backup not found");
    }

    @Test
    void aDifferentSeedIsRefusedWhileAStageRunsAndAcceptedAfterwards() throws Exception {
        SeedEngine e = engine();
        method.prepareGate = new CountDownLatch(1);
        e.prepare(7, "Scripted", Side.TARGET);
        assertThatThrownBy(() -> e.prepare(8, "Scripted", Side.TARGET))
                .isInstanceOf(SeedRequestException.class)
                .hasMessageContaining("busy with seed 7");
        method.prepareGate.countDown();
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        assertThat(e.prepare(8, "Scripted", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        assertThatThrownBy(() -> e.state(7, Stage.PREPARE)).hasMessage("SeedID 7 not found");
    }

    @Test
    void abortKillsTheWholeProcessTreeAndReportsError() throws Exception {
        SeedEngine e = engine();
        e.prepare(7, "Scripted", Side.TARGET);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        method.backupSleeps = true;
        e.backup(7, "Scripted", new Peer("127.0.0.2", 3306));
        List<ProcessHandle> tree = awaitTree();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

        assertThat(e.abort(7, Stage.BACKUP)).isTrue();

        assertThat(tree).noneMatch(ProcessTree::running);
        StageState aborted = e.state(7, Stage.BACKUP);
        assertThat(aborted.status()).isEqualTo(StageStatus.Error);
        assertThat(aborted.details()).startsWith("Aborted by request");
        assertThat(e.busy()).isFalse();
    }

    @Test
    void abortOfAFinishedOrUnknownStageIsHarmless() throws Exception {
        SeedEngine e = engine();
        assertThat(e.abort(99, Stage.BACKUP)).isFalse();
        e.prepare(7, "Scripted", Side.TARGET);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        assertThat(e.abort(7, Stage.PREPARE)).isFalse();
        assertThat(e.state(7, Stage.PREPARE).status()).isEqualTo(StageStatus.Completed);
    }

    @Test
    void progressMovesTheTimestampAndDetailsCarryBytesAndRate() throws Exception {
        SeedEngine e = engine();
        e.prepare(7, "Scripted", Side.TARGET);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        method.backupGate = new CountDownLatch(1);
        e.backup(7, "Scripted", new Peer("127.0.0.2", 3306));
        StageState first = e.state(7, Stage.BACKUP);
        method.progressed.await(10, TimeUnit.SECONDS);
        StageState later = e.state(7, Stage.BACKUP);
        assertThat(later.timestamp()).isAfterOrEqualTo(first.timestamp());
        assertThat(later.details()).contains("Copying").contains("1.0 MiB of 4.0 MiB (25%)").contains("/s");
        method.backupGate.countDown();
        awaitStatus(e, 7, Stage.BACKUP, StageStatus.Completed);
    }

    @Test
    void restartedAgentReportsTheInterruptedStageAsError() throws Exception {
        SeedEngine first = engine();
        method.prepareGate = new CountDownLatch(1);
        first.prepare(7, "Scripted", Side.SOURCE);
        // a crash: the journal says Running and nobody finishes it
        SeedEngine second = new SeedEngine("db1.example.com", methods(method), new RunnerProcessScopes(runner),
                new SeedJournal(state), Clock.systemUTC(), SeedListener.NONE, SeedResources.NONE);
        StageState recovered = second.state(7, Stage.PREPARE);
        assertThat(recovered.status()).isEqualTo(StageStatus.Error);
        assertThat(recovered.details()).isEqualTo("agent restarted during Prepare");
        assertThat(second.prepare(7, "Scripted", Side.SOURCE)).isEqualTo(StartOutcome.STARTED);
        method.prepareGate.countDown();
        second.close();
    }

    @Test
    void unknownAndUnavailableMethodsAreRefusedWithTheGoTexts() {
        SeedEngine e = engine();
        assertThatThrownBy(() -> e.prepare(7, "Rsync", Side.TARGET)).hasMessage("Seed method undefinded");
        assertThatThrownBy(() -> e.prepare(7, "Xtrabackup", Side.TARGET)).hasMessage("Seed method unavailiable on agent");
        assertThatThrownBy(() -> e.backup(7, "Scripted", new Peer("h", 1)))
                .hasMessage("Unable to start backup stage. SeedID not found");
    }

    @Test
    void metadataMovesTheSeedToConnectSlave() throws Exception {
        SeedEngine e = engine();
        e.prepare(7, "Scripted", Side.TARGET);
        awaitStatus(e, 7, Stage.PREPARE, StageStatus.Completed);
        BinlogCoordinates c = e.metadata(7, "Scripted");
        assertThat(c.logFile()).isEqualTo("mysql-bin.000001");
        assertThat(e.current().orElseThrow().currentStage()).isEqualTo(Stage.CONNECT_SLAVE);
    }

    private List<ProcessHandle> awaitTree() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            ProcessHandle root = method.backupProcess;
            if (root != null) {
                List<ProcessHandle> all = new CopyOnWriteArrayList<>(root.descendants().toList());
                if (all.size() >= 2) {
                    all.add(root);
                    return all;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the backup process tree did not start");
    }

    private static StageState awaitStatus(SeedEngine e, long seed, Stage stage, StageStatus status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        StageState s = null;
        while (Instant.now().isBefore(deadline)) {
            s = e.state(seed, stage);
            if (s.status() == status) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stage " + stage + " did not reach " + status + ": " + s);
    }

    private static SeedMethods methods(SeedMethod method) {
        return methods("Scripted", method);
    }

    static SeedMethods methods(String offered, SeedMethod method) {
        return new SeedMethods() {
            @Override
            public Optional<SeedMethod> offered(String name) {
                return name.equals(offered) ? Optional.of(method) : Optional.empty();
            }

            @Override
            public boolean known(String name) {
                return name.equals(offered);
            }
        };
    }

    /** A real method whose stages are steered by the test. */
    static final class ScriptedMethod implements SeedMethod {
        final AtomicInteger prepareRuns = new AtomicInteger();
        final CountDownLatch progressed = new CountDownLatch(1);
        volatile CountDownLatch prepareGate = new CountDownLatch(0);
        volatile CountDownLatch backupGate = new CountDownLatch(0);
        volatile String backupFailure;
        volatile boolean backupSleeps;
        volatile ProcessHandle backupProcess;

        @Override
        public SeedMethodInfo info() {
            return new SeedMethodInfo(Side.TARGET, false, SeedMethodInfo.ALL_ENGINES);
        }

        @Override
        public Availability probe() {
            return Availability.usable();
        }

        @Override
        public void prepare(StageContext stage) throws Exception {
            prepareRuns.incrementAndGet();
            prepareGate.await();
        }

        @Override
        public void backup(StageContext stage) throws Exception {
            if (backupFailure != null) {
                stage.commands().runChecked(Command.of("sh", "-c", "echo '" + backupFailure + "' >&2; exit 2"));
            }
            if (backupSleeps) {
                try (RunningCommand c = stage.commands().start(Command.of("sh", "-c", "sleep 300 & sleep 300 & wait"))) {
                    backupProcess = ProcessHandle.of(c.pid()).orElseThrow();
                    c.await();
                }
                stage.throwIfCancelled();
            }
            stage.progress().step("Copying");
            stage.progress().bytes(1024 * 1024, 4 * 1024 * 1024);
            progressed.countDown();
            backupGate.await();
        }

        @Override
        public void restore(StageContext stage) {
        }

        @Override
        public BinlogCoordinates metadata(StageContext stage) {
            return BinlogCoordinates.positional("mysql-bin.000001", 4);
        }

        @Override
        public void cleanup(StageContext stage) {
        }
    }
}

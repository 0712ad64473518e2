package io.orcagent.runtime.seed;

import static io.orcagent.runtime.seed.SeedRetryTest.TARGET;
import static io.orcagent.runtime.seed.SeedRetryTest.awaitStatus;
import static io.orcagent.runtime.seed.SeedRetryTest.awaitTrue;
import static io.orcagent.runtime.seed.SeedRetryTest.journal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orcagent.api.Peer;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.runtime.exec.LocalCommandExecutor;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.seed.SeedRetryTest.Agent;
import io.orcagent.runtime.seed.SeedRetryTest.StreamedMethod;
import io.orcagent.runtime.transfer.AgentTransferService;
import io.orcagent.runtime.transfer.TransferSettings;

/**
 * Issue 10 item 3: orchestrator sends no Cleanup after a failed or aborted seed, so the agent cleans an
 * abandoned seed up on its own, with the method's cleanup for its side. Time is an injected clock; the
 * sweep is called directly, so nothing races a timer.
 */
class AbandonedSeedTest {

    private static final long SEED = 3;
    private static final Duration AFTER = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(new LocalCommandExecutor(), Duration.ofSeconds(2));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final TestClock clock = new TestClock();
    private int port;
    private Path sourceData;

    @BeforeEach
    void data() throws IOException {
        port = SeedRetryTest.freePort();
        sourceData = Files.createDirectories(dir.resolve("source-datadir"));
        Files.write(sourceData.resolve("ibdata1"), new byte[1024 * 1024]);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        runner.shutdown();
    }

    private Agent agent(String name, String bind, Duration abandonedAfter) throws IOException {
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

    private static void prepare(Agent agent, Side side) throws Exception {
        assertThat(agent.engine().prepare(SEED, "Streamed", side)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(agent.engine(), Stage.PREPARE, StageStatus.Completed);
    }

    private static void failBackup(Agent source) throws Exception {
        source.method().failBackup = true;
        source.engine().backup(SEED, "Streamed", new Peer(TARGET, 3306));
        awaitStatus(source.engine(), Stage.BACKUP, StageStatus.Error);
        source.method().failBackup = false;
    }

    @Test
    void aSourceWhoseBackupFailedIsCleanedUpOnceNoCallCameForTheConfiguredTimeAndCanStillBeRetried() throws Exception {
        Agent target = agent("target", TARGET, Duration.ZERO);
        Agent source = agent("source", "127.0.0.2", AFTER);
        prepare(target, Side.TARGET);
        prepare(source, Side.SOURCE);
        Path mounted = source.method().mountMarker();
        failBackup(source);

        clock.advance(AFTER.minusSeconds(60));
        assertThat(source.engine().sweepAbandoned()).isFalse();
        source.engine().state(SEED, Stage.BACKUP); // a poll: the seed is not abandoned yet
        clock.advance(AFTER.minusSeconds(1));
        assertThat(source.engine().sweepAbandoned()).isFalse();
        assertThat(mounted).exists();

        clock.advance(Duration.ofSeconds(1));
        assertThat(source.engine().sweepAbandoned()).isTrue();

        assertThat(mounted).doesNotExist();
        assertThat(source.method().cleanups).containsExactly(SEED + " Source");
        assertThat(source.engine().state(SEED, Stage.BACKUP).status()).isEqualTo(StageStatus.Error); // as reported
        assertThat(source.engine().current().orElseThrow().cleanedUp()).contains(clock.instant());
        assertThat(Files.readString(source.stateDir().resolve("seed-journal.json"))).contains("\"cleanedUp\"");
        clock.advance(AFTER.multipliedBy(3));
        assertThat(source.engine().sweepAbandoned()).isFalse(); // once
        assertThat(source.method().cleanups).hasSize(1);

        // orchestrator's late retry of the same seed still works
        assertThat(target.engine().prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        prepare(source, Side.SOURCE);
        awaitStatus(target.engine(), Stage.PREPARE, StageStatus.Completed);
        assertThat(mounted).exists();
        assertThat(journal(source)).containsExactly("attempt 2", "Prepare Completed");
        assertThat(source.engine().current().orElseThrow().cleanedUp()).isEmpty();
        source.engine().backup(SEED, "Streamed", new Peer(TARGET, 3306));
        awaitStatus(source.engine(), Stage.BACKUP, StageStatus.Completed);
    }

    @Test
    void aTargetWhoseReceiverFailedIsCleanedUpAndItsReceiverReleased() throws Exception {
        Agent target = agent("target", TARGET, AFTER);
        Agent source = agent("source", "127.0.0.2", Duration.ZERO);
        prepare(target, Side.TARGET);
        prepare(source, Side.SOURCE);
        clock.advance(AFTER.multipliedBy(10));
        assertThat(target.engine().sweepAbandoned()).as("a waiting receiver is not abandoned").isFalse();

        failBackup(source);
        awaitTrue(() -> target.transfer().failure(SEED).isPresent(), "the target's receiver failed");
        assertThat(target.engine().sweepAbandoned()).as("the failure was only seen now").isFalse();
        clock.advance(AFTER);
        assertThat(target.engine().sweepAbandoned()).isTrue();

        assertThat(target.method().lockFile()).doesNotExist();
        assertThat(target.method().cleanups).containsExactly(SEED + " Target");
        assertThat(target.transfer().receiver(SEED)).isEmpty();

        assertThat(target.engine().prepare(SEED, "Streamed", Side.TARGET)).isEqualTo(StartOutcome.STARTED);
        awaitStatus(target.engine(), Stage.PREPARE, StageStatus.Completed);
        assertThat(target.transfer().receiver(SEED)).isPresent();
        assertThat(target.method().lockFile()).exists();
    }

    @Test
    void theNextPrepareOfAnotherSeedFirstCleansUpTheSeedItReplaces() throws Exception {
        Agent source = agent("source", "127.0.0.2", Duration.ZERO);
        prepare(source, Side.SOURCE);
        failBackup(source);
        assertThat(source.engine().sweepAbandoned()).as("disabled").isFalse();

        assertThat(source.engine().prepare(SEED + 1, "Streamed", Side.SOURCE)).isEqualTo(StartOutcome.STARTED);
        awaitTrue(() -> source.engine().current().orElseThrow().stage(Stage.PREPARE).orElseThrow().status()
                == StageStatus.Completed, "the new seed's Prepare completed");

        assertThat(source.method().cleanups).containsExactly(SEED + " Source");
        assertThat(source.method().prepares.get()).isEqualTo(2);
        assertThat(Files.readString(source.method().mountMarker())).isEqualTo("mounted for seed " + (SEED + 1));
    }

    @Test
    void aCompletedSeedIsNeverCleanedUpAgain() throws Exception {
        Agent source = agent("source", "127.0.0.2", AFTER);
        prepare(source, Side.SOURCE);
        source.engine().cleanup(SEED, "Streamed", Side.SOURCE);
        awaitStatus(source.engine(), Stage.CLEANUP, StageStatus.Completed);
        clock.advance(AFTER.multipliedBy(10));

        assertThat(source.engine().sweepAbandoned()).isFalse();
        assertThat(source.engine().prepare(SEED + 1, "Streamed", Side.SOURCE)).isEqualTo(StartOutcome.STARTED);
        awaitTrue(() -> source.method().prepares.get() == 2 && !source.engine().busy(), "the new seed's Prepare ended");
        assertThat(source.method().cleanups).containsExactly(SEED + " Source"); // only the real Cleanup
    }

    @Test
    void thePeriodicSweepCleansUpWithAShortConfiguredTime() throws Exception {
        Agent source = agent("source", "127.0.0.2", Duration.ofMillis(1));
        prepare(source, Side.SOURCE);
        failBackup(source);
        source.engine().sweepAbandonedEvery(Duration.ofMillis(20));
        clock.advance(Duration.ofSeconds(1));

        awaitTrue(() -> source.engine().current().orElseThrow().cleanedUp().isPresent(), "the sweep cleaned up");
        assertThat(source.method().mountMarker()).doesNotExist();
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}

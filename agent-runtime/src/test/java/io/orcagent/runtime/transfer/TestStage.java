package io.orcagent.runtime.transfer;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.StageCommandRunner;

/** A stage as the seed engine would hand it to a plugin: a real process scope, a cancel flag, recorded progress. */
final class TestStage implements StageContext {

    private final long seedId;
    private final Stage stage;
    private final Side side;
    private final StageCommandRunner commands;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger cancelChecks = new AtomicInteger();
    private final AtomicLong lastBytes = new AtomicLong(-1);
    private final AtomicLong lastTotal = new AtomicLong(-2);

    private TestStage(long seedId, Stage stage, Side side, ProcessCommandRunner runner) {
        this.seedId = seedId;
        this.stage = stage;
        this.side = side;
        this.commands = runner.newScope("seed " + seedId + " " + stage.wireName());
    }

    static TestStage prepare(long seedId, ProcessCommandRunner runner) {
        return new TestStage(seedId, Stage.PREPARE, Side.TARGET, runner);
    }

    static TestStage backup(long seedId, ProcessCommandRunner runner) {
        return new TestStage(seedId, Stage.BACKUP, Side.SOURCE, runner);
    }

    /** Sets the abort flag only, so the service's own watch is what stops the transfer. */
    void cancel() {
        cancelled.set(true);
    }

    long lastBytesReported() {
        return lastBytes.get();
    }

    long lastTotalReported() {
        return lastTotal.get();
    }

    /**
     * How often the service has looked at the abort flag: once when {@code send} begins, then before each
     * connect attempt, so three looks mean a refused attempt and a retry.
     */
    int cancelChecks() {
        return cancelChecks.get();
    }

    boolean anyProcessAlive() {
        return commands.anyAlive();
    }

    @Override
    public long seedId() {
        return seedId;
    }

    @Override
    public Stage stage() {
        return stage;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public Optional<Peer> peer() {
        return Optional.empty();
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public ProgressSink progress() {
        return new ProgressSink() {
            @Override
            public void step(String text) {
            }

            @Override
            public void bytes(long done, long total) {
                lastBytes.set(done);
                lastTotal.set(total);
            }
        };
    }

    @Override
    public boolean cancelled() {
        cancelChecks.incrementAndGet();
        return cancelled.get();
    }
}

package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stage of one seed, as the runtime would hand it to a plugin: its own command runner (whose
 * processes are killed on {@link #abort()}), a recording progress sink and a cancellation flag.
 * Plugin tests pass the runtime's stage-scoped runner; the short factories use a
 * {@link LocalCommandRunner}.
 */
public final class TestStageContext implements StageContext {

    private final long seedId;
    private final Stage stage;
    private final Side side;
    private final Optional<Peer> peer;
    private final CommandRunner commands;
    private final Runnable killAll;
    private final RecordingProgressSink progress = new RecordingProgressSink();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private TestStageContext(long seedId, Stage stage, Side side, Optional<Peer> peer, CommandRunner commands,
                             Runnable killAll) {
        this.seedId = seedId;
        this.commands = Objects.requireNonNull(commands, "commands is null");
        this.killAll = Objects.requireNonNull(killAll, "killAll is null");
        this.stage = Objects.requireNonNull(stage, "stage is null");
        this.side = Objects.requireNonNull(side, "side is null");
        this.peer = Objects.requireNonNull(peer, "peer is null");
    }

    /**
     * A stage without a peer (everything but Backup).
     *
     * @param seedId seed id
     * @param stage stage
     * @param side side
     * @return the context
     */
    public static TestStageContext of(long seedId, Stage stage, Side side) {
        LocalCommandRunner runner = new LocalCommandRunner();
        return new TestStageContext(seedId, stage, side, Optional.empty(), runner, runner::killAll);
    }

    /**
     * A stage with a given runner.
     *
     * @param seedId seed id
     * @param stage stage
     * @param side side
     * @param peer the peer (Backup only)
     * @param commands the stage's command runner
     * @param killAll kills every process the runner started (called on abort)
     * @return the context
     */
    public static TestStageContext create(long seedId, Stage stage, Side side, Optional<Peer> peer,
                                          CommandRunner commands, Runnable killAll) {
        return new TestStageContext(seedId, stage, side, peer, commands, killAll);
    }

    /**
     * A Backup stage with its peer.
     *
     * @param seedId seed id
     * @param side side
     * @param peer the other host with the source's MySQL port
     * @return the context
     */
    public static TestStageContext backup(long seedId, Side side, Peer peer) {
        LocalCommandRunner runner = new LocalCommandRunner();
        return new TestStageContext(seedId, Stage.BACKUP, side, Optional.of(peer), runner, runner::killAll);
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
        return peer;
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public ProgressSink progress() {
        return progress;
    }

    /**
     * The reports the stage made.
     *
     * @return the recording sink
     */
    public RecordingProgressSink recorded() {
        return progress;
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    /** Aborts the stage as the runtime does: flag it, then kill its processes. */
    public void abort() {
        cancelled.set(true);
        killAll.run();
    }
}

package io.orcagent.testkit;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stage context for running a seed method's stages in a test: fixed seed id, stage, side and peer, a
 * command runner of your choice (the runtime's real one in {@link TestingPluginContext}), recorded
 * progress, and an abort switch.
 */
public final class TestingStageContext implements StageContext {

    private final long seedId;
    private final Stage stage;
    private final Side side;
    private final Optional<Peer> peer;
    private final CommandRunner commands;
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile long bytesDone = -1;

    /**
     * Creates the context.
     *
     * @param seedId the seed id
     * @param stage the stage
     * @param side this agent's side
     * @param peer the other host (Backup stage), or empty
     * @param commands the runner stage processes go through
     */
    public TestingStageContext(long seedId, Stage stage, Side side, Optional<Peer> peer, CommandRunner commands) {
        this.seedId = seedId;
        this.stage = Objects.requireNonNull(stage, "stage is null");
        this.side = Objects.requireNonNull(side, "side is null");
        this.peer = Objects.requireNonNull(peer, "peer is null");
        this.commands = Objects.requireNonNull(commands, "commands is null");
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
        return new ProgressSink() {
            @Override
            public void step(String text) {
                steps.add(text);
            }

            @Override
            public void bytes(long done, long total) {
                bytesDone = done;
            }
        };
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** Aborts the stage: {@link #cancelled()} answers true from now on. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * The steps the plugin reported, in order.
     *
     * @return the steps
     */
    public List<String> steps() {
        return List.copyOf(steps);
    }

    /**
     * The last byte count the plugin reported.
     *
     * @return bytes done, -1 when never reported
     */
    public long bytesDone() {
        return bytesDone;
    }
}

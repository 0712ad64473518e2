package io.orcagent.runtime.seed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;

/**
 * One run of one stage: the context handed to the plugin, its process scope and its cancel flag.
 */
final class RunningStage implements StageContext {

    private final long runId;
    private final long seedId;
    private final Stage stage;
    private final Side side;
    private final Optional<Peer> peer;
    private final ProcessScope processes;
    private final ProgressSink progress;
    private volatile boolean cancelled;
    private volatile Thread worker;
    private final Instant started;

    /**
     * A stage starting now.
     *
     * @param started now, on the engine's clock (the end is measured on it too)
     */
    RunningStage(long runId, long seedId, Stage stage, Side side, Optional<Peer> peer, ProcessScope processes,
                 ProgressSink progress, Instant started) {
        this.started = Objects.requireNonNull(started, "started is null");
        this.runId = runId;
        this.seedId = seedId;
        this.stage = Objects.requireNonNull(stage, "stage is null");
        this.side = Objects.requireNonNull(side, "side is null");
        this.peer = Objects.requireNonNull(peer, "peer is null");
        this.processes = Objects.requireNonNull(processes, "processes is null");
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    long runId() {
        return runId;
    }

    void worker(Thread thread) {
        this.worker = thread;
    }

    Instant started() {
        return started;
    }

    Thread workerThread() {
        return worker;
    }

    /** Stops the stage: flag, kill its processes, interrupt its thread. */
    void cancel() {
        cancelled = true;
        processes.killAll();
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }

    ProcessScope processes() {
        return processes;
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
        return processes;
    }

    @Override
    public ProgressSink progress() {
        return progress;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }
}

package io.orcagent.runtime.seed.legacy;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.Peer;
import io.orcagent.api.ProgressSink;
import io.orcagent.api.Side;
import io.orcagent.api.Stage;
import io.orcagent.api.StageContext;
import io.orcagent.runtime.seed.ProcessScope;

/**
 * The stage context of a legacy copy (the legacy API has no stages): its own process scope, a cancel
 * flag and a byte counter.
 */
final class LegacyCopyStage implements StageContext {

    private final long seedId;
    private final Side side;
    private final ProcessScope processes;
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean cancelled;

    LegacyCopyStage(long seedId, Side side, ProcessScope processes) {
        this.seedId = seedId;
        this.side = Objects.requireNonNull(side, "side is null");
        this.processes = Objects.requireNonNull(processes, "processes is null");
    }

    void cancel() {
        cancelled = true;
        processes.killAll();
    }

    long bytes() {
        return bytes.get();
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
        return side == Side.TARGET ? Stage.PREPARE : Stage.BACKUP;
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
        return processes;
    }

    @Override
    public ProgressSink progress() {
        return new ProgressSink() {
            @Override
            public void step(String text) {
            }

            @Override
            public void bytes(long done, long total) {
                bytes.set(done);
            }
        };
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }
}

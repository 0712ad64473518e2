package io.orcagent.plugins.lvm;

import io.orcagent.api.Availability;
import io.orcagent.api.BinlogCoordinates;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.PluginContext;
import io.orcagent.api.SeedMethod;
import io.orcagent.api.SeedMethodInfo;
import io.orcagent.api.Side;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code LVM} seed method: the source mounts its newest snapshot (LVM or btrfs, per
 * {@code snapshot-provider}) at the backup dir and streams the MySQL datadir in it through the agent's
 * transfer service into the target's emptied datadir; the target then starts MySQL on the copy and
 * reads the binlog coordinates from the {@code metadata} file the snapshot command wrote.
 */
final class LvmSeedMethod implements SeedMethod {

    private final PluginContext context;
    private final Function<CommandRunner, SnapshotProvider> providers;
    private final SnapshotSource source;
    private final DatadirTarget target;

    LvmSeedMethod(PluginContext context, LvmSettings settings, Function<CommandRunner, SnapshotProvider> providers) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.providers = Objects.requireNonNull(providers, "providers is null");
        this.source = new SnapshotSource(context, settings, providers);
        this.target = new DatadirTarget(context, settings);
    }

    @Override
    public SeedMethodInfo info() {
        return new SeedMethodInfo(Side.SOURCE, true, SeedMethodInfo.ALL_ENGINES);
    }

    @Override
    public Availability probe() {
        try {
            context.transfer();
        } catch (UnsupportedOperationException e) {
            return Availability.unavailable("this agent offers no transfer service to stream the snapshot");
        }
        return providers.apply(context.commands()).probe();
    }

    @Override
    public void prepare(StageContext stage) throws Exception {
        abortAware(stage, () -> {
            if (stage.side() == Side.SOURCE) {
                source.prepare(stage);
            } else {
                target.prepare(stage);
            }
        });
    }

    @Override
    public void backup(StageContext stage) throws Exception {
        if (stage.side() != Side.SOURCE) {
            throw new IllegalStateException("the LVM method backs up on the source, not on the " + stage.side().wireName());
        }
        abortAware(stage, () -> source.backup(stage));
    }

    @Override
    public void restore(StageContext stage) throws Exception {
        if (stage.side() != Side.TARGET) {
            throw new IllegalStateException("the LVM method restores on the target, not on the " + stage.side().wireName());
        }
        abortAware(stage, () -> target.restore(stage));
    }

    @Override
    public BinlogCoordinates metadata(StageContext stage) throws Exception {
        return target.metadata(stage);
    }

    @Override
    public void cleanup(StageContext stage) throws Exception {
        abortAware(stage, () -> {
            if (stage.side() == Side.SOURCE) {
                source.cleanup(stage);
            } else {
                target.cleanup(stage);
            }
        });
    }

    /** A tool killed by an abort fails with its exit status; the stage reports the abort instead. */
    private static void abortAware(StageContext stage, StageWork work) throws Exception {
        try {
            work.run();
        } catch (StageAbortedException e) {
            throw e;
        } catch (Exception e) {
            stage.throwIfCancelled();
            throw e;
        }
    }

    /** One stage's work. */
    @FunctionalInterface
    private interface StageWork {
        void run() throws Exception;
    }
}

package io.orcagent.plugins.lvm;

import io.orcagent.api.Command;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Peer;
import io.orcagent.api.PluginContext;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.api.StageContext;
import io.orcagent.api.TransferService;
import io.orcagent.plugins.seedsupport.FileTrees;
import io.orcagent.plugins.seedsupport.OwnerOnlyFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of an {@code LVM} seed: Prepare (optionally) takes a snapshot and mounts the newest one
 * at the backup dir, Backup streams the datadir found in it to the target, Cleanup unmounts it.
 */
final class SnapshotSource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);

    private final PluginContext context;
    private final LvmSettings settings;
    private final Function<CommandRunner, SnapshotProvider> providers;

    SnapshotSource(PluginContext context, LvmSettings settings, Function<CommandRunner, SnapshotProvider> providers) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.providers = Objects.requireNonNull(providers, "providers is null");
    }

    void prepare(StageContext stage) throws Exception {
        SnapshotProvider provider = providers.apply(stage.commands());
        if (settings.createNewSnapshotForSeed()) {
            stage.progress().step("Creating snapshot");
            Snapshot created = provider.create();
            LOG.info("seed {} {}: created snapshot {}", stage.seedId(), context.pluginId(), created.path());
        }
        stage.throwIfCancelled();
        List<Snapshot> volumes = provider.list(settings.volumesFilter());
        Snapshot newest = SnapshotChoice.newest(volumes).orElseThrow(() -> new IllegalStateException(
                "cannot seed from a snapshot: " + SnapshotChoice.noneExplained(volumes, settings.volumesFilter())));
        Path mountPoint = mountPoint();
        OwnerOnlyFiles.createDirectories(mountPoint);
        Optional<MountInfo> current = provider.mounted(mountPoint);
        if (current.isPresent()) {
            String mounted = current.get().volumePath();
            if (mounted.equals(newest.path())) {
                // a retried Prepare: the snapshot to copy is mounted already
                LOG.info("seed {} {}: {} is already mounted at {}", stage.seedId(), context.pluginId(), mounted, mountPoint);
                return;
            }
            if (volumes.stream().noneMatch(v -> v.isSnapshot() && v.path().equals(mounted))) {
                throw new IllegalStateException(current.get().device() + " is already mounted at " + mountPoint
                        + "; unmount it before seeding from snapshot " + newest.path());
            }
            // an older snapshot of ours, left by an earlier attempt: the newest replaces it
            stage.progress().step("Unmounting older snapshot " + mounted);
            provider.unmount(mountPoint);
            LOG.info("seed {} {}: unmounted older snapshot {} from {}", stage.seedId(), context.pluginId(), mounted,
                    mountPoint);
        }
        stage.progress().step("Mounting snapshot " + newest.path() + " at " + mountPoint);
        provider.mount(newest.path(), mountPoint);
        LOG.info("seed {} {}: mounted snapshot {} (created {}) at {}", stage.seedId(), context.pluginId(), newest.path(),
                newest.createdAt().orElseThrow(), mountPoint);
    }

    void backup(StageContext stage) throws Exception {
        Peer target = stage.peer().orElseThrow(() -> new IllegalStateException("the Backup stage needs the target host"));
        Path mountPoint = mountPoint();
        MountInfo mount = providers.apply(stage.commands()).mounted(mountPoint).orElseThrow(() -> new IllegalStateException(
                "no snapshot is mounted at " + mountPoint + ": the Prepare stage has not completed on this agent"));
        Path data = DatadirLocator.locate(mountPoint, context.paths().mysqlDatadir());
        long size = FileTrees.sizeOf(data);
        stage.progress().step("Streaming snapshot " + mount.volumePath() + " (" + size + " bytes) to " + target.host());
        LOG.info("seed {} {}: streaming {} of snapshot {} to {}", stage.seedId(), context.pluginId(), data,
                mount.volumePath(), target.host());
        Command producer = Command.of("tar", "-c", "-f", "-", "-C", data.toString(), ".").asPrivileged();
        TransferService.TransferResult sent = context.transfer().send(stage, target.host(), producer);
        LOG.info("seed {} {}: sent {} bytes (checksum {})", stage.seedId(), context.pluginId(), sent.bytes(),
                sent.checksum());
    }

    void cleanup(StageContext stage) throws Exception {
        SnapshotProvider provider = providers.apply(stage.commands());
        Path mountPoint = mountPoint();
        Optional<MountInfo> mounted = provider.mounted(mountPoint);
        if (mounted.isPresent()) {
            stage.progress().step("Unmounting " + mountPoint);
            provider.unmount(mountPoint);
            LOG.info("seed {} {}: unmounted {} from {}", stage.seedId(), context.pluginId(), mounted.get().volumePath(),
                    mountPoint);
        }
    }

    private Path mountPoint() {
        return context.paths().backupDir();
    }
}

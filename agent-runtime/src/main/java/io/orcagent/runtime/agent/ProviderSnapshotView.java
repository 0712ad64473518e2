package io.orcagent.runtime.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import io.orcagent.runtime.wire.WireLogicalVolume;
import io.orcagent.runtime.wire.WireMount;

/**
 * Snapshot facts from the snapshot provider that serves the agent ({@code SnapshotProvider#servesAgent}):
 * volumes and mount while its plugin is enabled, the snapshot host lists whatever {@code enabled} says
 * (the Go agent ran those commands either way).
 */
public final class ProviderSnapshotView implements SnapshotView {

    private final Supplier<Optional<SnapshotProvider>> hosts;
    private final Supplier<Optional<SnapshotProvider>> provider;
    private final Path mountPoint;
    private final DirectoryUsage usage;

    /**
     * Bytes used under a directory, computed on demand.
     */
    @FunctionalInterface
    public interface DirectoryUsage {
        /**
         * Measures a directory.
         *
         * @param dir the directory
         * @return bytes used
         */
        long of(Path dir);
    }

    /**
     * Creates the view.
     *
     * @param hosts the provider asked for the host lists, looked up at every call
     * @param provider the provider of volumes and mounts, looked up at every call (plugins can be reloaded)
     * @param mountPoint where snapshots are mounted (the backup dir)
     * @param usage measures the mounted snapshot
     */
    public ProviderSnapshotView(Supplier<Optional<SnapshotProvider>> hosts, Supplier<Optional<SnapshotProvider>> provider,
                                Path mountPoint, DirectoryUsage usage) {
        this.hosts = Objects.requireNonNull(hosts, "hosts is null");
        this.provider = Objects.requireNonNull(provider, "provider is null");
        this.mountPoint = Objects.requireNonNull(mountPoint, "mountPoint is null");
        this.usage = Objects.requireNonNull(usage, "usage is null");
    }

    @Override
    public List<String> localSnapshotHosts() throws Exception {
        Optional<SnapshotProvider> p = hosts.get();
        return p.isEmpty() ? List.of() : p.get().localSnapshotHosts();
    }

    @Override
    public List<String> snapshotHosts() throws Exception {
        Optional<SnapshotProvider> p = hosts.get();
        return p.isEmpty() ? List.of() : p.get().snapshotHosts();
    }

    @Override
    public List<WireLogicalVolume> logicalVolumes() throws Exception {
        Optional<SnapshotProvider> p = provider.get();
        if (p.isEmpty()) {
            return List.of();
        }
        return p.get().list(p.get().volumesFilter()).stream().map(ProviderSnapshotView::wire).toList();
    }

    @Override
    public WireMount mountPoint() throws Exception {
        Optional<SnapshotProvider> p = provider.get();
        if (p.isEmpty()) {
            return WireMount.NONE;
        }
        Optional<MountInfo> mounted = p.get().mounted(mountPoint);
        return mounted.map(m -> new WireMount(m.path(), m.device(), m.volumePath(), m.fileSystem(), true,
                usage.of(Path.of(m.path())))).orElse(WireMount.NONE);
    }

    /**
     * The wire form of a listed volume.
     *
     * @param s the volume
     * @return {@code LogicalVolume}
     */
    public static WireLogicalVolume wire(Snapshot s) {
        return new WireLogicalVolume(s.name(), s.groupName(), s.path(), s.isSnapshot(), s.snapshotPercent(),
                s.createdAt().orElse(WireLogicalVolume.ZERO_TIME));
    }
}

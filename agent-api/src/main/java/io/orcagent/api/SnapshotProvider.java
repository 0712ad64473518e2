package io.orcagent.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Filesystem-level snapshots of the MySQL data (LVM logical volumes, btrfs subvolumes, …).
 *
 * <p>Besides serving its plugin's own seed method, one provider may serve the agent itself: its
 * snapshot routes ({@code lvs}, {@code mount}, {@code create-snapshot}, …) and the snapshot facts of
 * {@code get-agent-data}. The plugin says which through {@link #servesAgent()}, from its own config; the
 * runtime names no provider and reads no plugin's section.
 */
public interface SnapshotProvider {

    /**
     * Checks whether the provider works on this host.
     *
     * @return availability
     */
    Availability probe();

    /**
     * Lists volumes whose name contains the filter.
     *
     * @param nameFilter substring of the name; empty keeps all
     * @return volumes, snapshots and others
     * @throws Exception when listing fails
     */
    List<Snapshot> list(String nameFilter) throws Exception;

    /**
     * Creates a new snapshot of the MySQL data.
     *
     * @return the new snapshot
     * @throws Exception when creation fails
     */
    Snapshot create() throws Exception;

    /**
     * Mounts a snapshot.
     *
     * @param snapshotPath the snapshot's path as listed
     * @param mountPoint where to mount it
     * @return the mount
     * @throws Exception when mounting fails
     */
    MountInfo mount(String snapshotPath, Path mountPoint) throws Exception;

    /**
     * Unmounts whatever is mounted at the mount point.
     *
     * @param mountPoint the mount point
     * @throws Exception when unmounting fails
     */
    void unmount(Path mountPoint) throws Exception;

    /**
     * Removes a snapshot.
     *
     * @param snapshotPath the snapshot's path as listed
     * @throws Exception when removal fails
     */
    void remove(String snapshotPath) throws Exception;

    /**
     * What is mounted at a mount point.
     *
     * @param mountPoint the mount point
     * @return the mount, or empty when nothing is mounted there
     * @throws Exception when it cannot be read
     */
    Optional<MountInfo> mounted(Path mountPoint) throws Exception;

    /**
     * Whether the agent's own snapshot routes and {@code get-agent-data} use this provider. The runtime
     * uses it for volumes and mounts only while the plugin's section says {@code enabled = true} (the
     * key that also offers the plugin's seed methods), and asks it for the snapshot host lists whatever
     * {@code enabled} says. At most one loaded provider may serve the agent. Called once per load.
     *
     * @return true when the plugin's config selects this provider for the agent; the default is false
     * @since 1.1.0
     */
    default boolean servesAgent() {
        return false;
    }

    /**
     * The substring a volume's name must contain to be listed by the agent's snapshot listings (the Go
     * agent's {@code snapshot-volumes-filter}). Asked at every listing.
     *
     * @return the filter, empty for all; the default is empty
     * @since 1.1.0
     */
    default String volumesFilter() {
        return "";
    }

    /**
     * Hosts in this data centre that have recent snapshots ({@code LocalSnapshotsHosts},
     * {@code available-snapshots-local}); asked of the provider that {@linkplain #servesAgent() serves
     * the agent}.
     *
     * @return host names; the default is none
     * @throws Exception when the list cannot be had
     * @since 1.1.0
     */
    default List<String> localSnapshotHosts() throws Exception {
        return List.of();
    }

    /**
     * Hosts in every data centre that have recent snapshots ({@code SnaphostHosts},
     * {@code available-snapshots}); asked of the provider that {@linkplain #servesAgent() serves the
     * agent}.
     *
     * @return host names; the default is none
     * @throws Exception when the list cannot be had
     * @since 1.1.0
     */
    default List<String> snapshotHosts() throws Exception {
        return List.of();
    }

    /**
     * Releases what this snapshot provider holds. The runtime calls it once, when no call into the plugin runs
     * (no seed stage either), before {@link AgentPlugin#close()} and before the plugin's classes are
     * unloaded (at reload and at shutdown). An exception is logged and does not stop the unload. The
     * default does nothing.
     *
     * @since 1.1.0
     */
    default void close() {
        // nothing to release
    }
}

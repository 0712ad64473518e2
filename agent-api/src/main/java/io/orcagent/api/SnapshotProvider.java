package io.orcagent.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Filesystem-level snapshots of the MySQL data (LVM logical volumes, btrfs subvolumes, …).
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

package io.orcagent.runtime.agent;

import java.util.List;

import io.orcagent.runtime.wire.WireLogicalVolume;
import io.orcagent.runtime.wire.WireMount;

/**
 * Snapshot facts for get-agent-data: hosts with snapshots, this host's snapshot volumes and the mount.
 */
public interface SnapshotView {

    /**
     * Hosts with recent snapshots in this DC ({@code available-local-snapshot-hosts-command}).
     *
     * @return host names
     * @throws Exception when the command fails
     */
    List<String> localSnapshotHosts() throws Exception;

    /**
     * Hosts with recent snapshots anywhere ({@code available-snapshot-hosts-command}).
     *
     * @return host names
     * @throws Exception when the command fails
     */
    List<String> snapshotHosts() throws Exception;

    /**
     * This host's snapshot volumes.
     *
     * @return volumes
     * @throws Exception when listing fails
     */
    List<WireLogicalVolume> logicalVolumes() throws Exception;

    /**
     * The snapshot mount point's state.
     *
     * @return the mount, {@link WireMount#NONE} when nothing is mounted
     * @throws Exception when it cannot be read
     */
    WireMount mountPoint() throws Exception;
}

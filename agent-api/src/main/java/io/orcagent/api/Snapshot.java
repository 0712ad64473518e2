package io.orcagent.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A volume as a snapshot provider lists it ({@code LogicalVolume} on the wire).
 *
 * @param name volume name
 * @param groupName volume group (or the btrfs filesystem's mount point)
 * @param path device or subvolume path, used for mount and remove
 * @param isSnapshot whether this volume is a snapshot
 * @param snapshotPercent how full the snapshot is (LVM), 0 when not applicable
 * @param createdAt when it was created, when known
 */
public record Snapshot(String name, String groupName, String path, boolean isSnapshot, double snapshotPercent,
                       Optional<Instant> createdAt) {

    /**
     * Validates.
     *
     * @param name name
     * @param groupName group
     * @param path path
     * @param isSnapshot is a snapshot
     * @param snapshotPercent percent
     * @param createdAt created at
     */
    public Snapshot {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(groupName, "groupName is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
    }
}

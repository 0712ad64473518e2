package io.orcagent.api;

import java.util.Objects;

/**
 * A mounted snapshot.
 *
 * @param path the mount point
 * @param device the mounted device or subvolume
 * @param volumePath the snapshot's listed path
 * @param fileSystem the filesystem type, e.g. {@code xfs}, {@code btrfs}
 */
public record MountInfo(String path, String device, String volumePath, String fileSystem) {

    /**
     * Validates.
     *
     * @param path mount point
     * @param device device
     * @param volumePath volume path
     * @param fileSystem fs type
     */
    public MountInfo {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(device, "device is null");
        Objects.requireNonNull(volumePath, "volumePath is null");
        Objects.requireNonNull(fileSystem, "fileSystem is null");
    }
}

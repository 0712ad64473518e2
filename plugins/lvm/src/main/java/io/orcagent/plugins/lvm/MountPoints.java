package io.orcagent.plugins.lvm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks a mount point before anything is mounted on it or unmounted from it.
 */
final class MountPoints {

    private MountPoints() {
    }

    /**
     * Requires an absolute path other than {@code /}.
     *
     * @param mountPoint the path
     * @return it, normalised
     * @throws IllegalArgumentException when it is relative or {@code /}
     */
    static Path requireAbsolute(Path mountPoint) {
        Objects.requireNonNull(mountPoint, "mountPoint is null");
        if (!mountPoint.isAbsolute()) {
            throw new IllegalArgumentException("mount point must be an absolute path: " + Quoting.quoted(mountPoint.toString()));
        }
        Path normal = mountPoint.normalize();
        if (normal.getNameCount() == 0) {
            throw new IllegalArgumentException("refusing to use / as a mount point");
        }
        return normal;
    }

    /**
     * Requires an existing directory with nothing mounted on it.
     *
     * @param mountPoint the path
     * @param mounts the current mount table
     * @return it, normalised
     * @throws IllegalArgumentException when it is not a directory or already a mount point
     */
    static Path requireUsable(Path mountPoint, MountTable mounts) {
        Path dir = requireAbsolute(mountPoint);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("mount point " + dir + " is not an existing directory");
        }
        mounts.at(dir).ifPresent(entry -> {
            throw new IllegalStateException(entry.device() + " is already mounted at " + dir + "; unmount it first");
        });
        return dir;
    }
}

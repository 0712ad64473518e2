package io.orcagent.runtime.host;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one walk of a directory tree.
 *
 * @param directory the directory
 * @param usedBytes the apparent size of everything under it, as {@code du -sb} counts (files,
 *     directories and symlinks themselves, symlinks not followed)
 * @param measuredAt when the walk ended
 * @param skipped entries that vanished or could not be read during the walk
 */
public record DiskUsage(Path directory, long usedBytes, Instant measuredAt, long skipped) {

    /**
     * Validates.
     *
     * @param directory directory
     * @param usedBytes used bytes
     * @param measuredAt time
     * @param skipped skipped entries
     */
    public DiskUsage {
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(measuredAt, "measuredAt is null");
    }
}

package io.orcagent.runtime.http.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the MySQL datadir inside a mounted snapshot as the legacy agent did: the datadir re-rooted under
 * the mount point, dropping leading path components until {@code <mount>/<rest>/ibdata1} exists.
 */
final class SnapshotDatadir {

    private SnapshotDatadir() {
    }

    static Optional<Path> locate(Path mountPoint, Path datadir) {
        Path relative = datadir.isAbsolute() ? datadir.getRoot().relativize(datadir) : datadir;
        for (int skip = 0; skip <= relative.getNameCount(); skip++) {
            Path candidate = skip == relative.getNameCount() ? mountPoint
                    : mountPoint.resolve(relative.subpath(skip, relative.getNameCount()));
            if (Files.isRegularFile(candidate.resolve("ibdata1"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

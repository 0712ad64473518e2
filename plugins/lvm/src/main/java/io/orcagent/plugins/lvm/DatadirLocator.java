package io.orcagent.plugins.lvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the MySQL datadir inside a mounted snapshot with the legacy agent's rule: re-root the source's
 * datadir under the mount point, dropping leading components until {@code <mount>/<rest>/ibdata1}
 * exists. This covers a volume mounted at the datadir itself ({@code /var/lib/mysql} → the mount
 * point), at a parent ({@code /data} holding {@code mysql/} → {@code <mount>/mysql}), a btrfs subvolume
 * that is the datadir, and a subvolume holding it ({@code <subvolume>/data} → {@code <mount>/data}).
 */
final class DatadirLocator {

    /** InnoDB's system tablespace: present in every MySQL and MariaDB datadir by default. */
    static final String MARKER = "ibdata1";

    private DatadirLocator() {
    }

    /**
     * Locates the datadir.
     *
     * @param mountPoint where the snapshot is mounted
     * @param sourceDatadir the source server's {@code @@datadir}
     * @return the directory to copy, inside the mount
     * @throws IOException when no candidate holds {@code ibdata1}
     */
    static Path locate(Path mountPoint, Path sourceDatadir) throws IOException {
        Path mount = mountPoint.toAbsolutePath().normalize();
        Path datadir = sourceDatadir.toAbsolutePath().normalize();
        Path realMount = mount.toRealPath();
        List<Path> candidates = new ArrayList<>();
        for (int i = 0; i < datadir.getNameCount(); i++) {
            candidates.add(mount.resolve(datadir.subpath(i, datadir.getNameCount()).toString()));
        }
        candidates.add(mount);
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)
                    && candidate.toRealPath().startsWith(realMount)) {
                return candidate;
            }
        }
        throw new IOException("the snapshot mounted at " + mount + " holds no MySQL datadir for " + datadir
                + ": none of " + candidates + " contains " + MARKER);
    }
}

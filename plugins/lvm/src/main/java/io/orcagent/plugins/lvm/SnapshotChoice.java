package io.orcagent.plugins.lvm;

import io.orcagent.api.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Picks the snapshot a seed copies: the newest snapshot by creation time; between equal times, the one
 * listed last (providers list in creation order where they know it). Volumes that are not
 * snapshots, or whose creation time is unknown, are never picked (the Go agent dereferenced a nil
 * volume then and the whole agent died).
 */
final class SnapshotChoice {

    private SnapshotChoice() {
    }

    /**
     * The newest dated snapshot.
     *
     * @param volumes listed volumes
     * @return the newest snapshot, empty when none is a snapshot with a creation time
     */
    static Optional<Snapshot> newest(List<Snapshot> volumes) {
        Snapshot newest = null;
        Instant newestTime = null;
        for (Snapshot volume : volumes) {
            Optional<Instant> created = volume.createdAt();
            if (volume.isSnapshot() && created.isPresent() && (newestTime == null || !created.get().isBefore(newestTime))) {
                newest = volume;
                newestTime = created.get();
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * A sentence saying why nothing could be picked.
     *
     * @param volumes what was listed
     * @param filter the name filter used
     * @return the explanation
     */
    static String noneExplained(List<Snapshot> volumes, String filter) {
        long snapshots = volumes.stream().filter(Snapshot::isSnapshot).count();
        String matching = filter.isEmpty() ? "" : " matching snapshot-volumes-filter \"" + filter + "\"";
        if (snapshots == 0) {
            return "no snapshot" + matching + " found (" + volumes.size() + " volume(s) listed)";
        }
        return "none of the " + snapshots + " snapshot(s)" + matching + " has a creation time, so the newest cannot be told";
    }
}

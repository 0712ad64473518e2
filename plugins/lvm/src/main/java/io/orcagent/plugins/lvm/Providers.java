package io.orcagent.plugins.lvm;

import io.orcagent.api.CommandRunner;
import io.orcagent.api.SnapshotProvider;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Builds the snapshot provider of a kind from the {@code [lvm]} settings, on a given command runner:
 * the agent-wide one for the runtime's snapshot routes, a stage's own one inside a seed (so an abort
 * kills what the provider started).
 */
final class Providers {

    private Providers() {
    }

    static SnapshotProvider create(ProviderKind kind, LvmSettings settings, CommandRunner runner, Clock clock) {
        Objects.requireNonNull(settings, "settings is null");
        ToolRunner tools = new ToolRunner(runner);
        ZoneId zone = ZoneId.systemDefault();
        return switch (kind) {
            case LVM -> new LvmSnapshotProvider(tools, settings.createSnapshotCommand(), MountTable.PROC_MOUNTS, zone);
            case BTRFS -> new BtrfsSnapshotProvider(tools, settings.createSnapshotCommand(), settings.btrfsSourceSubvolume(),
                    settings.btrfsSnapshotDir(), MountTable.PROC_MOUNTS, clock, zone);
        };
    }
}

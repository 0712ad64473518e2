package io.orcagent.runtime.agent;

import java.util.List;
import java.util.Objects;

import io.orcagent.runtime.http.wire.WireLogicalVolume;
import io.orcagent.runtime.http.wire.WireMount;

/**
 * Snapshot facts from the operator's {@code [lvm]} host-list commands, for an agent without a snapshot
 * provider: no volumes and nothing mounted.
 */
public final class CommandSnapshotView implements SnapshotView {

    private final OperatorCommands runner;
    private final String localHostsCommand;
    private final String allHostsCommand;

    /**
     * Creates the view.
     *
     * @param runner runs configured command lines
     * @param localHostsCommand {@code available-local-snapshot-hosts-command}, empty when not set
     * @param allHostsCommand {@code available-snapshot-hosts-command}, empty when not set
     */
    public CommandSnapshotView(OperatorCommands runner, String localHostsCommand, String allHostsCommand) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
        this.localHostsCommand = Objects.requireNonNull(localHostsCommand, "localHostsCommand is null");
        this.allHostsCommand = Objects.requireNonNull(allHostsCommand, "allHostsCommand is null");
    }

    @Override
    public List<String> localSnapshotHosts() throws Exception {
        return localHostsCommand.isBlank() ? List.of() : runner.lines(localHostsCommand);
    }

    @Override
    public List<String> snapshotHosts() throws Exception {
        return allHostsCommand.isBlank() ? List.of() : runner.lines(allHostsCommand);
    }

    @Override
    public List<WireLogicalVolume> logicalVolumes() {
        return List.of();
    }

    @Override
    public WireMount mountPoint() {
        return WireMount.NONE;
    }
}

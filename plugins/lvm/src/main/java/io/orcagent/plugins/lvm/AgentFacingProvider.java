package io.orcagent.plugins.lvm;

import io.orcagent.api.Availability;
import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider as this plugin offers it to the runtime: the {@code [lvm]} section says whether it serves
 * the agent's own snapshot routes ({@code snapshot-provider} names its kind), with which volume filter
 * ({@code snapshot-volumes-filter}), and which operator commands list the hosts with snapshots
 * ({@code available-local-snapshot-hosts-command}, {@code available-snapshot-hosts-command}), run as
 * {@code sh -c <line>} like the Go agent did.
 */
final class AgentFacingProvider implements SnapshotProvider {

    private final SnapshotProvider delegate;
    private final boolean servesAgent;
    private final String volumesFilter;
    private final String localHostsCommand;
    private final String allHostsCommand;
    private final CommandRunner commands;

    AgentFacingProvider(SnapshotProvider delegate, boolean servesAgent, LvmSettings settings, CommandRunner commands) {
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.servesAgent = servesAgent;
        this.volumesFilter = settings.volumesFilter();
        this.localHostsCommand = settings.localHostsCommand();
        this.allHostsCommand = settings.allHostsCommand();
        this.commands = Objects.requireNonNull(commands, "commands is null");
    }

    @Override
    public boolean servesAgent() {
        return servesAgent;
    }

    @Override
    public String volumesFilter() {
        return volumesFilter;
    }

    @Override
    public List<String> localSnapshotHosts() throws IOException, InterruptedException {
        return lines(localHostsCommand);
    }

    @Override
    public List<String> snapshotHosts() throws IOException, InterruptedException {
        return lines(allHostsCommand);
    }

    private List<String> lines(String commandLine) throws IOException, InterruptedException {
        if (commandLine.isBlank()) {
            return List.of();
        }
        CommandResult result = commands.run(Command.of("sh", "-c", commandLine));
        if (!result.succeeded()) {
            throw new IOException("command exited with " + result.exitCode()
                    + (result.stderrTail().isBlank() ? "" : ": " + result.stderrTail().strip()));
        }
        return result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public Availability probe() {
        return delegate.probe();
    }

    @Override
    public List<Snapshot> list(String nameFilter) throws Exception {
        return delegate.list(nameFilter);
    }

    @Override
    public Snapshot create() throws Exception {
        return delegate.create();
    }

    @Override
    public MountInfo mount(String snapshotPath, Path mountPoint) throws Exception {
        return delegate.mount(snapshotPath, mountPoint);
    }

    @Override
    public void unmount(Path mountPoint) throws Exception {
        delegate.unmount(mountPoint);
    }

    @Override
    public void remove(String snapshotPath) throws Exception {
        delegate.remove(snapshotPath);
    }

    @Override
    public Optional<MountInfo> mounted(Path mountPoint) throws Exception {
        return delegate.mounted(mountPoint);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package io.orcagent.runtime.plugins;

import io.orcagent.api.Availability;
import io.orcagent.api.MountInfo;
import io.orcagent.api.Snapshot;
import io.orcagent.api.SnapshotProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin's {@link SnapshotProvider} as the runtime sees it: every method goes through the plugin's
 * {@link PluginInvoker}; failures arrive as {@link PluginCallException}.
 */
public final class InvokedSnapshotProvider implements SnapshotProvider {

    private final String name;
    private final SnapshotProvider delegate;
    private final PluginInvoker invoker;
    private final AgentUse agentUse;

    /** What the agent itself uses a provider for, settled when the plugin is loaded. */
    public enum AgentUse {
        /** Only its plugin's seed method uses it. */
        NONE,
        /** It serves the agent but its plugin's section is not enabled: only the snapshot host lists. */
        HOST_LISTS,
        /** It serves the agent's snapshot routes, get-agent-data's volumes and mount, and the host lists. */
        SNAPSHOTS
    }

    InvokedSnapshotProvider(String name, SnapshotProvider delegate, PluginInvoker invoker) {
        this(name, delegate, invoker, AgentUse.NONE);
    }

    InvokedSnapshotProvider(String name, SnapshotProvider delegate, PluginInvoker invoker, AgentUse agentUse) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.invoker = Objects.requireNonNull(invoker, "invoker is null");
        this.agentUse = Objects.requireNonNull(agentUse, "agentUse is null");
    }

    /**
     * What the agent uses this provider for.
     *
     * @return the use, settled at load
     */
    public AgentUse agentUse() {
        return agentUse;
    }

    /**
     * The name operators select the provider by.
     *
     * @return the name, e.g. {@code lvm}
     */
    public String name() {
        return name;
    }

    /**
     * The plugin that offers the provider.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return invoker.pluginId();
    }

    @Override
    public Availability probe() {
        return invoker.call(operation("probe"), delegate::probe);
    }

    @Override
    public List<Snapshot> list(String nameFilter) {
        return invoker.call(operation("list"), () -> delegate.list(nameFilter));
    }

    @Override
    public Snapshot create() {
        return invoker.call(operation("create"), delegate::create);
    }

    @Override
    public MountInfo mount(String snapshotPath, Path mountPoint) {
        return invoker.call(operation("mount"), () -> delegate.mount(snapshotPath, mountPoint));
    }

    @Override
    public void unmount(Path mountPoint) {
        invoker.run(operation("unmount"), () -> delegate.unmount(mountPoint));
    }

    @Override
    public void remove(String snapshotPath) {
        invoker.run(operation("remove"), () -> delegate.remove(snapshotPath));
    }

    @Override
    public Optional<MountInfo> mounted(Path mountPoint) {
        return invoker.call(operation("mounted"), () -> delegate.mounted(mountPoint));
    }

    @Override
    public boolean servesAgent() {
        return invoker.call(operation("servesAgent"), delegate::servesAgent);
    }

    @Override
    public String volumesFilter() {
        return invoker.call(operation("volumesFilter"), delegate::volumesFilter);
    }

    @Override
    public List<String> localSnapshotHosts() {
        return invoker.call(operation("localSnapshotHosts"), delegate::localSnapshotHosts);
    }

    @Override
    public List<String> snapshotHosts() {
        return invoker.call(operation("snapshotHosts"), delegate::snapshotHosts);
    }

    /** Closes the plugin's object (the host does, at unload). */
    @Override
    public void close() {
        invoker.run(operation("close"), delegate::close);
    }

    private String operation(String what) {
        return "snapshot provider " + name + " " + what;
    }

    @Override
    public String toString() {
        return "snapshot provider " + name + " (plugin " + invoker.pluginId() + ")";
    }
}

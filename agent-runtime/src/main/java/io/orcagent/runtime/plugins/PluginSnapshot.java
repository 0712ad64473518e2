package io.orcagent.runtime.plugins;

import io.orcagent.api.SeedMethodInfo;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the last load produced, immutable; a reload replaces the whole snapshot, so a reader that keeps
 * one sees a consistent picture.
 *
 * @param plugins every plugin found, sorted by id, failed ones included
 * @param seedMethods offered seed methods by wire name (sorted)
 * @param snapshotProviders snapshot providers by name (sorted)
 * @param commandExecutors command executors by name (sorted)
 */
public record PluginSnapshot(List<PluginStatus> plugins, SortedMap<String, OfferedSeedMethod> seedMethods,
                             SortedMap<String, InvokedSnapshotProvider> snapshotProviders,
                             SortedMap<String, InvokedCommandExecutor> commandExecutors) {

    /** Nothing loaded. */
    public static final PluginSnapshot EMPTY = new PluginSnapshot(List.of(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>());

    /**
     * Copies.
     *
     * @param plugins plugins
     * @param seedMethods seed methods
     * @param snapshotProviders snapshot providers
     * @param commandExecutors command executors
     */
    public PluginSnapshot {
        plugins = List.copyOf(plugins);
        seedMethods = Collections.unmodifiableSortedMap(new TreeMap<>(seedMethods));
        snapshotProviders = Collections.unmodifiableSortedMap(new TreeMap<>(snapshotProviders));
        commandExecutors = Collections.unmodifiableSortedMap(new TreeMap<>(commandExecutors));
    }

    /**
     * The offered seed methods' facts by wire name, sorted, for {@code AvailiableSeedMethods}.
     *
     * @return name to info
     */
    public SortedMap<String, SeedMethodInfo> availableSeedMethods() {
        SortedMap<String, SeedMethodInfo> infos = new TreeMap<>();
        seedMethods.forEach((name, offered) -> infos.put(name, offered.info()));
        return Collections.unmodifiableSortedMap(infos);
    }

    /**
     * An offered seed method.
     *
     * @param name the wire name (case-sensitive)
     * @return the method, empty when no loaded plugin offers it on this host
     */
    public Optional<InvokedSeedMethod> seedMethod(String name) {
        return Optional.ofNullable(seedMethods.get(name)).map(OfferedSeedMethod::method);
    }

    /**
     * A snapshot provider.
     *
     * @param name its name
     * @return the provider, empty when none has that name
     */
    public Optional<InvokedSnapshotProvider> snapshotProvider(String name) {
        return Optional.ofNullable(snapshotProviders.get(name));
    }

    /**
     * The snapshot provider that serves the agent's snapshot routes and get-agent-data's volumes and
     * mount: the one a plugin said {@link io.orcagent.api.SnapshotProvider#servesAgent()} of, while its
     * section is enabled.
     *
     * @return the provider, empty when snapshots are not configured
     */
    public Optional<InvokedSnapshotProvider> agentSnapshots() {
        return snapshotProviders.values().stream()
                .filter(p -> p.agentUse() == InvokedSnapshotProvider.AgentUse.SNAPSHOTS).findFirst();
    }

    /**
     * The snapshot provider the agent asks for the snapshot host lists: the one that serves the agent,
     * enabled or not.
     *
     * @return the provider, empty when none serves the agent
     */
    public Optional<InvokedSnapshotProvider> agentSnapshotHosts() {
        return snapshotProviders.values().stream()
                .filter(p -> p.agentUse() != InvokedSnapshotProvider.AgentUse.NONE).findFirst();
    }

    /**
     * A command executor.
     *
     * @param name its name
     * @return the executor, empty when none has that name
     */
    public Optional<InvokedCommandExecutor> commandExecutor(String name) {
        return Optional.ofNullable(commandExecutors.get(name));
    }

    /**
     * One plugin's status.
     *
     * @param id the plugin id
     * @return the status, empty when no such plugin was found
     */
    public Optional<PluginStatus> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * The failed plugins.
     *
     * @return failed plugins' statuses, sorted by id
     */
    public List<PluginStatus> failed() {
        return plugins.stream()
                .filter(p -> p.state() == PluginState.FAILED || p.state() == PluginState.MISCONFIGURED).toList();
    }
}

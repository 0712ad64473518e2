package io.orcagent.api;

import java.util.List;

/**
 * Entry point of a plugin, found with {@link java.util.ServiceLoader} through a
 * {@code META-INF/services/io.orcagent.api.AgentPlugin} file in the plugin jar.
 *
 * <p>Every method has a default that contributes nothing, so a plugin overrides only what it offers.
 * The runtime calls these methods once per load (at start and at {@code POST /api/plugins/reload}).
 * Implementations need a public no-argument constructor and should do no work in it.
 */
public interface AgentPlugin {

    /**
     * Seed methods this plugin offers.
     *
     * @return factories, possibly empty; never null
     */
    default List<SeedMethodFactory> seedMethods() {
        return List.of();
    }

    /**
     * Snapshot providers this plugin offers (LVM, btrfs, …).
     *
     * @return factories, possibly empty; never null
     */
    default List<SnapshotProviderFactory> snapshotProviders() {
        return List.of();
    }

    /**
     * Command executors this plugin offers (for example running commands through a site's own
     * privilege broker).
     *
     * @return factories, possibly empty; never null
     */
    default List<CommandExecutorFactory> commandExecutors() {
        return List.of();
    }

    /**
     * Ends the plugin's life. The runtime calls it once per load, after it closed the seed methods,
     * snapshot providers and command executors this plugin created and before it closes the plugin's
     * class loader: at {@code POST /api/plugins/reload} and at shutdown. Stop threads, close pools and
     * files here; no code of the plugin is called after it returns. An exception is logged and does not
     * stop the unload. The default does nothing.
     *
     * @since 1.1.0
     */
    default void close() {
        // nothing to release
    }
}

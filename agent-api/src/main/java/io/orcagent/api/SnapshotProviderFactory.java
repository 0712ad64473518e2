package io.orcagent.api;

/**
 * Creates a {@link SnapshotProvider}. Which provider serves the agent's own snapshot routes the provider
 * says itself ({@link SnapshotProvider#servesAgent()}).
 */
public interface SnapshotProviderFactory {

    /**
     * The name operators select it by.
     *
     * @return the name, e.g. {@code lvm} or {@code btrfs}
     */
    String name();

    /**
     * Creates the provider.
     *
     * @param context host services and the plugin's config section
     * @return the provider
     * @throws ConfigException when the config section is invalid
     */
    SnapshotProvider create(PluginContext context) throws ConfigException;
}

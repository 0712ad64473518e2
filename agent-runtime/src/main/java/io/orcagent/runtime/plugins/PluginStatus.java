package io.orcagent.runtime.plugins;

import java.util.List;
import java.util.Objects;

/**
 * One plugin as {@code GET /api/plugins} reports it.
 *
 * @param id the plugin id (the directory name when the descriptor could not be read)
 * @param version the plugin version, empty when unknown
 * @param state what became of it
 * @param error why it failed, or null when it did not
 * @param seedMethods its seed methods, disabled and unavailable ones included (empty when failed)
 * @param snapshotProviders names of its snapshot providers (empty when failed)
 * @param commandExecutors names of its command executors (empty when failed)
 */
public record PluginStatus(String id, String version, PluginState state, String error,
                           List<SeedMethodStatus> seedMethods, List<String> snapshotProviders,
                           List<String> commandExecutors) {

    /**
     * Validates and copies.
     *
     * @param id id
     * @param version version
     * @param state state
     * @param error error or null
     * @param seedMethods seed methods
     * @param snapshotProviders snapshot providers
     * @param commandExecutors command executors
     */
    public PluginStatus {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(state, "state is null");
        if ((state == PluginState.FAILED || state == PluginState.MISCONFIGURED) != (error != null)) {
            throw new IllegalArgumentException("an error is given exactly when the plugin failed");
        }
        seedMethods = List.copyOf(seedMethods);
        snapshotProviders = List.copyOf(snapshotProviders);
        commandExecutors = List.copyOf(commandExecutors);
    }

    /**
     * A plugin that failed and contributes nothing.
     *
     * @param id id
     * @param version version
     * @param error why
     * @return the status
     */
    public static PluginStatus failed(String id, String version, String error) {
        return new PluginStatus(id, version, PluginState.FAILED, Objects.requireNonNull(error, "error is null"),
                List.of(), List.of(), List.of());
    }

    /**
     * A plugin whose config section is invalid.
     *
     * @param id plugin id
     * @param version plugin version
     * @param error what is wrong, naming section and key
     * @return the status
     */
    public static PluginStatus misconfigured(String id, String version, String error) {
        return new PluginStatus(id, version, PluginState.MISCONFIGURED, Objects.requireNonNull(error, "error is null"),
                List.of(), List.of(), List.of());
    }
}

package io.orcagent.runtime.plugins;

import java.util.Map;
import java.util.Objects;

/**
 * One plugin after activation: its status and what it contributes (nothing when it failed).
 *
 * @param status the status
 * @param seedMethods offered seed methods by name
 * @param snapshotProviders snapshot providers by name
 * @param commandExecutors command executors by name
 * @param lifecycle the close hooks of what the plugin created, failed or not, run at unload
 */
record LoadedPlugin(PluginStatus status, Map<String, OfferedSeedMethod> seedMethods,
                    Map<String, InvokedSnapshotProvider> snapshotProviders,
                    Map<String, InvokedCommandExecutor> commandExecutors, PluginLifecycle lifecycle) {

    LoadedPlugin {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(lifecycle, "lifecycle is null");
        seedMethods = Map.copyOf(seedMethods);
        snapshotProviders = Map.copyOf(snapshotProviders);
        commandExecutors = Map.copyOf(commandExecutors);
    }

    static LoadedPlugin failed(String id, String version, String error) {
        return failed(id, version, error, PluginLifecycle.NONE);
    }

    static LoadedPlugin failed(String id, String version, String error, PluginLifecycle lifecycle) {
        return new LoadedPlugin(PluginStatus.failed(id, version, error), Map.of(), Map.of(), Map.of(), lifecycle);
    }

    static LoadedPlugin misconfigured(String id, String version, String error, PluginLifecycle lifecycle) {
        return new LoadedPlugin(PluginStatus.misconfigured(id, version, error), Map.of(), Map.of(), Map.of(),
                lifecycle);
    }

    String id() {
        return status.id();
    }
}

package io.orcagent.runtime.plugins;

import io.orcagent.api.PluginContext;

/**
 * Creates the {@link PluginContext} a plugin's factories receive. The context's
 * {@link PluginContext#config()} must be an {@link io.orcagent.runtime.config.SectionConfig} for the
 * plugin's own section: the host reads its {@code enabled} key and, once the factories have run, its
 * unread keys.
 */
@FunctionalInterface
public interface PluginContextFactory {

    /**
     * Creates a fresh context for one load of a plugin (called again on every reload).
     *
     * @param pluginId the plugin id, which is also its config section name
     * @return the context
     */
    PluginContext create(String pluginId);
}

package io.orcagent.runtime.plugins;

import io.orcagent.api.PluginContext;
import io.orcagent.runtime.config.SectionConfig;
import java.util.Objects;

/**
 * Creates the {@link PluginContext} a plugin's factories receive, together with the host's own view of
 * the plugin's config section: the host reads the section's {@code enabled} key and, once the factories
 * have run, its unread keys from that view, never by casting what the plugin was given.
 */
@FunctionalInterface
public interface PluginContextFactory {

    /**
     * Creates a fresh context for one load of a plugin (called again on every reload).
     *
     * @param pluginId the plugin id, which is also its config section name
     * @return the context and the section it hands out
     */
    Hosted create(String pluginId);

    /**
     * A context and the host's view of the config section it hands out: {@code context.config()} must
     * return {@code config} itself (the host checks).
     *
     * @param context what the plugin receives
     * @param config the plugin's section as the host sees it
     */
    record Hosted(PluginContext context, SectionConfig config) {

        /**
         * Checks the parts.
         *
         * @param context the context
         * @param config the section
         */
        public Hosted {
            Objects.requireNonNull(context, "context is null");
            Objects.requireNonNull(config, "config is null");
        }
    }
}

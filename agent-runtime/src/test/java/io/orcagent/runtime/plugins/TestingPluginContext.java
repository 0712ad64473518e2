package io.orcagent.runtime.plugins;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import io.orcagent.runtime.config.SectionConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * A plugin context for host tests: a real {@link SectionConfig} per plugin id; the host services the
 * fixtures never use are not offered.
 */
final class TestingPluginContext implements PluginContext {

    private final String pluginId;
    private final SectionConfig config;

    private TestingPluginContext(String pluginId, Map<String, Object> section) {
        this.pluginId = pluginId;
        this.config = SectionConfig.of(pluginId, section);
    }

    /**
     * A context factory serving the given sections (plugin id to key/value), an empty section otherwise.
     *
     * @param sections config sections by plugin id
     * @return the factory
     */
    static PluginContextFactory factory(Map<String, Map<String, Object>> sections) {
        Map<String, Map<String, Object>> copy = new HashMap<>(sections);
        return id -> {
            TestingPluginContext context = new TestingPluginContext(id, copy.getOrDefault(id, Map.of()));
            return new PluginContextFactory.Hosted(context, context.config);
        };
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public CommandRunner commands() {
        throw new UnsupportedOperationException("no command runner in plugin host tests");
    }

    @Override
    public MysqlAccess mysql() {
        throw new UnsupportedOperationException("no MySQL in plugin host tests");
    }

    @Override
    public MysqlService mysqlService() {
        throw new UnsupportedOperationException("no MySQL service in plugin host tests");
    }

    @Override
    public AgentPaths paths() {
        throw new UnsupportedOperationException("no paths in plugin host tests");
    }
}

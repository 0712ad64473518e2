package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin context for tests that only run tools (probes, version checks) and never reach a MySQL
 * server: asking for the server fails the test loudly.
 */
public final class ToolsOnlyPluginContext implements PluginContext {

    private final String pluginId;
    private final PluginConfig config;
    private final CommandRunner commands;

    /**
     * Creates the context.
     *
     * @param pluginId the plugin id
     * @param config the plugin's section
     * @param commands the runner
     */
    public ToolsOnlyPluginContext(String pluginId, PluginConfig config, CommandRunner commands) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId is null");
        this.config = Objects.requireNonNull(config, "config is null");
        this.commands = Objects.requireNonNull(commands, "commands is null");
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
        return commands;
    }

    @Override
    public MysqlAccess mysql() {
        throw new UnsupportedOperationException("this test has no MySQL server");
    }

    @Override
    public MysqlService mysqlService() {
        throw new UnsupportedOperationException("this test has no MySQL server");
    }

    @Override
    public AgentPaths paths() {
        Path none = Path.of("/nonexistent-test-agent");
        return new AgentPaths(none.resolve("backup"), none.resolve("state"), none.resolve("datadir"));
    }
}

package io.orcagent.plugins.seedsupport.testing;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The host services of one test agent: its config section, a process runner, its local MariaDB and
 * its directories ({@code backup} and {@code state} under the agent's directory).
 */
public final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final MapPluginConfig config;
    private final CommandRunner commands;
    private final TestMysqlAccess mysql;
    private final AgentPaths paths;
    private final MariaDbServer server;

    /**
     * Creates the context.
     *
     * @param pluginId the plugin id (the config section name)
     * @param config the section's keys
     * @param server the agent's local server
     * @param agentDir a directory for the agent's backup and state dirs
     * @param commands the agent-wide command runner
     * @throws IOException when the directories cannot be created
     */
    public TestPluginContext(String pluginId, Map<String, Object> config, MariaDbServer server, Path agentDir,
                             CommandRunner commands) throws IOException {
        this.pluginId = pluginId;
        this.commands = commands;
        this.config = new MapPluginConfig(pluginId, config);
        this.server = server;
        Path backupDir = Files.createDirectories(agentDir.resolve("backup"));
        Path stateDir = Files.createDirectories(agentDir.resolve("state"));
        this.paths = new AgentPaths(backupDir, stateDir, server.datadir());
        this.mysql = new TestMysqlAccess(server, stateDir.resolve(pluginId));
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public MapPluginConfig config() {
        return config;
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public MysqlAccess mysql() {
        return mysql;
    }

    @Override
    public MysqlService mysqlService() {
        return new MysqlService() {
            @Override
            public void start() {
                throw new UnsupportedOperationException("logical seed methods never restart MySQL");
            }

            @Override
            public void stop() {
                throw new UnsupportedOperationException("logical seed methods never restart MySQL");
            }

            @Override
            public boolean running() {
                return reachable();
            }

            @Override
            public boolean awaitReachable(Duration timeout) throws InterruptedException {
                Instant deadline = Instant.now().plus(timeout);
                while (!reachable()) {
                    if (Instant.now().isAfter(deadline)) {
                        return false;
                    }
                    Thread.sleep(200);
                }
                return true;
            }
        };
    }

    @Override
    public AgentPaths paths() {
        return paths;
    }

    private boolean reachable() {
        try {
            server.dataSource().getConnection().close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}

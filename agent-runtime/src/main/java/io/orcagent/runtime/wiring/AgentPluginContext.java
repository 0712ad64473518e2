package io.orcagent.runtime.wiring;

import java.util.Objects;

import io.orcagent.api.AgentPaths;
import io.orcagent.api.CommandRunner;
import io.orcagent.api.MysqlAccess;
import io.orcagent.api.MysqlService;
import io.orcagent.api.PluginConfig;
import io.orcagent.api.PluginContext;
import io.orcagent.api.TransferService;

/**
 * The host services one plugin gets.
 *
 * @param pluginId the plugin id
 * @param config its config section
 * @param commands the agent-wide command runner
 * @param mysql the local MySQL
 * @param mysqlService the MySQL service control
 * @param paths the agent's paths
 * @param transfer the agent's transfer service
 */
public record AgentPluginContext(String pluginId, PluginConfig config, CommandRunner commands, MysqlAccess mysql,
                                 MysqlService mysqlService, AgentPaths paths, TransferService transfer)
        implements PluginContext {

    /**
     * Validates.
     *
     * @param pluginId plugin id
     * @param config config
     * @param commands commands
     * @param mysql mysql
     * @param mysqlService service
     * @param paths paths
     * @param transfer transfer
     */
    public AgentPluginContext {
        Objects.requireNonNull(pluginId, "pluginId is null");
        Objects.requireNonNull(config, "config is null");
        Objects.requireNonNull(commands, "commands is null");
        Objects.requireNonNull(mysql, "mysql is null");
        Objects.requireNonNull(mysqlService, "mysqlService is null");
        Objects.requireNonNull(paths, "paths is null");
        Objects.requireNonNull(transfer, "transfer is null");
    }
}

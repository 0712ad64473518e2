package io.orcagent.api;

import java.time.Clock;

/**
 * Host services the runtime gives a plugin when it creates one of its factories' products.
 *
 * <p>Services added in later API versions are default methods that throw
 * {@link UnsupportedOperationException}, so an older plugin keeps working against a newer runtime and a
 * test double only implements what it needs.
 */
public interface PluginContext {

    /**
     * The id of the plugin (from {@code plugin.properties}); also the name of its config section.
     *
     * @return the plugin id
     */
    String pluginId();

    /**
     * The plugin's own config section.
     *
     * @return the section (empty when the file has none)
     */
    PluginConfig config();

    /**
     * Runs processes as argument lists through the configured command executor. Outside a stage
     * (probes, for instance) use this one; inside a stage use {@link StageContext#commands()}.
     *
     * @return the agent-wide command runner
     */
    CommandRunner commands();

    /**
     * The local MySQL server: a connection pool, its port and account, and option files holding the
     * credentials so they never appear on a command line.
     *
     * @return the local MySQL access
     */
    MysqlAccess mysql();

    /**
     * Controls the local MySQL service with the operator's configured start/stop/status commands.
     *
     * @return the service controller
     */
    MysqlService mysqlService();

    /**
     * Directories the plugin may use.
     *
     * @return the agent's paths
     */
    AgentPaths paths();

    /**
     * The agent's clock (tests may use a fixed one).
     *
     * @return the clock
     */
    default Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Agent-to-agent streaming for methods that copy bytes between hosts.
     *
     * @return the transfer service
     * @throws UnsupportedOperationException when the runtime does not offer streaming
     */
    default TransferService transfer() {
        throw new UnsupportedOperationException("this agent runtime offers no transfer service");
    }
}

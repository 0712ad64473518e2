package io.orcagent.api;

/**
 * Creates a {@link CommandExecutor}. The agent uses the executor named by
 * {@code [common] command-executor} (default {@code local}).
 */
public interface CommandExecutorFactory {

    /**
     * The name operators select it by.
     *
     * @return the name, e.g. {@code local}
     */
    String name();

    /**
     * Creates the executor.
     *
     * @param context host services and the plugin's config section
     * @return the executor
     * @throws ConfigException when the config section is invalid
     */
    CommandExecutor create(PluginContext context) throws ConfigException;
}

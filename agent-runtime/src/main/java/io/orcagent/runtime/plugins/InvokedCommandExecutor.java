package io.orcagent.runtime.plugins;

import io.orcagent.api.Command;
import io.orcagent.api.CommandExecutor;
import java.util.Objects;

/**
 * A plugin's {@link CommandExecutor} as the runtime sees it: {@link #start} goes through the plugin's
 * {@link PluginInvoker}; a failure to start (the plugin's {@link java.io.IOException} included) arrives as
 * a {@link PluginCallException} whose cause is what the plugin threw.
 */
public final class InvokedCommandExecutor implements CommandExecutor {

    private final String name;
    private final CommandExecutor delegate;
    private final PluginInvoker invoker;

    InvokedCommandExecutor(String name, CommandExecutor delegate, PluginInvoker invoker) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        this.invoker = Objects.requireNonNull(invoker, "invoker is null");
    }

    /**
     * The name operators select the executor by.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The plugin that offers the executor.
     *
     * @return the plugin id
     */
    public String pluginId() {
        return invoker.pluginId();
    }

    @Override
    public Process start(Command command) {
        // the program name only: arguments may carry paths of secret files
        return invoker.call("command executor " + name + " start " + command.program(), () -> delegate.start(command));
    }

    /** Closes the plugin's executor (the host does, at unload). */
    @Override
    public void close() {
        invoker.run("command executor " + name + " close", delegate::close);
    }

    @Override
    public String toString() {
        return "command executor " + name + " (plugin " + invoker.pluginId() + ")";
    }
}

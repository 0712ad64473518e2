package io.orcagent.runtime.exec;

import io.orcagent.api.CommandExecutor;
import io.orcagent.api.CommandExecutorFactory;
import io.orcagent.api.PluginContext;

/**
 * The built-in {@code local} command executor. Its sudo settings come from {@code [common]}
 * ({@code exec-with-sudo}, {@code sudo-user}), which the runtime passes in; it reads no keys of its own.
 */
public final class LocalCommandExecutorFactory implements CommandExecutorFactory {

    /** The name operators select it by. */
    public static final String NAME = "local";

    private final LocalCommandExecutor executor;

    /**
     * Creates the factory.
     *
     * @param execWithSudo {@code exec-with-sudo}
     * @param sudoUser {@code sudo-user}, empty for none
     * @throws IllegalArgumentException when the user name is not a plain name
     */
    public LocalCommandExecutorFactory(boolean execWithSudo, String sudoUser) {
        this.executor = new LocalCommandExecutor(execWithSudo, sudoUser);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CommandExecutor create(PluginContext context) {
        return executor;
    }
}

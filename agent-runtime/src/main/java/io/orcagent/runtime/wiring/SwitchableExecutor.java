package io.orcagent.runtime.wiring;

import java.io.IOException;
import java.util.Objects;

import io.orcagent.api.Command;
import io.orcagent.api.CommandExecutor;

/**
 * The executor every process goes through: the built-in local one until the plugins are loaded, then
 * the one named by {@code [common] command-executor}.
 */
final class SwitchableExecutor implements CommandExecutor {

    private volatile CommandExecutor delegate;

    SwitchableExecutor(CommandExecutor initial) {
        this.delegate = Objects.requireNonNull(initial, "initial is null");
    }

    void use(CommandExecutor executor) {
        this.delegate = Objects.requireNonNull(executor, "executor is null");
    }

    @Override
    public Process start(Command command) throws IOException {
        return delegate.start(command);
    }
}

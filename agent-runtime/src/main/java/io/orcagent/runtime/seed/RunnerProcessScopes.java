package io.orcagent.runtime.seed;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.orcagent.api.Command;
import io.orcagent.api.RunningCommand;
import io.orcagent.runtime.exec.ProcessCommandRunner;
import io.orcagent.runtime.exec.StageCommandRunner;

/**
 * Process scopes backed by the agent's process runner: each stage run gets its own
 * {@link StageCommandRunner}.
 */
public final class RunnerProcessScopes implements SeedEngine.ProcessScopes {

    private final ProcessCommandRunner runner;
    private final AtomicLong counter = new AtomicLong();

    /**
     * Creates the factory.
     *
     * @param runner the agent's process runner
     */
    public RunnerProcessScopes(ProcessCommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
    }

    @Override
    public ProcessScope open() {
        return new Scope(runner.newScope("stage-" + counter.incrementAndGet()));
    }

    private record Scope(StageCommandRunner delegate) implements ProcessScope {
        @Override
        public RunningCommand start(Command command) throws IOException {
            return delegate.start(command);
        }

        @Override
        public void killAll() {
            delegate.killAll();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}

package io.orcagent.plugins.lvm;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandResult;
import io.orcagent.api.RunningCommand;
import io.orcagent.api.StageAbortedException;
import io.orcagent.api.StageContext;
import io.orcagent.plugins.seedsupport.StageCommands;
import java.time.Duration;
import java.util.List;

/**
 * Runs a short privileged file command ({@code find}, {@code rm}, {@code chown}, …) in a stage, so an
 * abort kills it and a failure carries its stderr.
 */
final class StageRun {

    private static final Duration LIMIT = Duration.ofHours(1);

    private StageRun() {
    }

    static CommandResult privileged(StageContext stage, List<String> argv)
            throws CommandFailedException, StageAbortedException, InterruptedException {
        Command command = Command.of(argv).asPrivileged().timeout(LIMIT);
        RunningCommand running = StageCommands.start(stage, command);
        try (running) {
            return StageCommands.requireSuccess(stage, command.program(), running.await());
        }
    }
}

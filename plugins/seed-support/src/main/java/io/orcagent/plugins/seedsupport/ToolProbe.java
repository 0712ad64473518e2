package io.orcagent.plugins.seedsupport;

import io.orcagent.api.Availability;
import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Checks that command-line tools are installed by running {@code <tool> --version}.
 */
public final class ToolProbe {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private final CommandRunner commands;

    /**
     * Creates the probe.
     *
     * @param commands the runner to start the tools with
     */
    public ToolProbe(CommandRunner commands) {
        this.commands = Objects.requireNonNull(commands, "commands is null");
    }

    /**
     * Runs {@code --version} of each tool in turn.
     *
     * @param tools the tools' program names
     * @param installHint what to install when one is missing, e.g. "install mariadb-client or mysql-client"
     * @return usable when every tool exits 0, otherwise unavailable naming the first failing tool
     */
    public Availability allAnswerVersion(List<String> tools, String installHint) {
        for (String tool : tools) {
            Availability availability = answersVersion(tool, installHint);
            if (!availability.available()) {
                return availability;
            }
        }
        return Availability.usable();
    }

    /**
     * The output of {@code <tool> --version}.
     *
     * @param tool the program
     * @return stdout and stderr of the tool, or empty text when it cannot run
     */
    public String versionText(String tool) {
        try {
            CommandResult result = commands.run(Command.of(tool, "--version").timeout(LIMIT));
            return result.succeeded() ? result.stdout() + result.stderrTail() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Availability answersVersion(String tool, String installHint) {
        try {
            CommandResult result = commands.run(Command.of(tool, "--version").timeout(LIMIT));
            if (result.succeeded()) {
                return Availability.usable();
            }
            String tail = result.stderrTail().strip();
            return Availability.unavailable(tool + " --version exited with " + result.exitCode()
                    + (tail.isEmpty() ? "" : ": " + tail));
        } catch (IOException e) {
            return Availability.unavailable(tool + " not found: " + installHint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.unavailable(tool + " --version was interrupted");
        }
    }
}

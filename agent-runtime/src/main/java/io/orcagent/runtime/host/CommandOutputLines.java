package io.orcagent.runtime.host;

import io.orcagent.api.CommandFailedException;
import io.orcagent.runtime.exec.ShellCommand;
import java.util.List;
import java.util.Objects;

/**
 * Runs an operator command (for example {@code available-snapshot-hosts-command}) and returns its
 * stdout lines the way the Go agent did: surrounding newlines trimmed, split on newline, so empty
 * output is {@code [""]}.
 */
public final class CommandOutputLines {

    private final ShellCommand shell;

    /**
     * Creates it.
     *
     * @param shell runs operator command lines
     */
    public CommandOutputLines(ShellCommand shell) {
        this.shell = Objects.requireNonNull(shell, "shell is null");
    }

    /**
     * Runs the command and splits its output.
     *
     * @param operatorLine the configured command line; blank gives {@code [""]} without running
     *     anything (LEGACY ran an empty script, which printed nothing)
     * @return the lines
     * @throws CommandFailedException when the command exits non-zero
     * @throws InterruptedException when interrupted
     */
    public List<String> lines(String operatorLine) throws CommandFailedException, InterruptedException {
        if (operatorLine == null || operatorLine.isBlank()) {
            return List.of("");
        }
        return ErrorLogTail.splitLines(shell.runChecked(operatorLine).stdout());
    }
}

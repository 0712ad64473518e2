package io.orcagent.runtime.exec;

import io.orcagent.api.Command;
import io.orcagent.api.CommandExecutor;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Starts processes on this host with {@link ProcessBuilder}, never through a shell. When
 * {@code exec-with-sudo} is on, a {@linkplain Command#privileged() privileged} command runs as
 * {@code sudo -n [-u user] -- argv...} ({@code -n}: fail instead of prompting for a password).
 */
public final class LocalCommandExecutor implements CommandExecutor {

    private final boolean execWithSudo;
    private final String sudoUser;

    /** An executor that never uses sudo. */
    public LocalCommandExecutor() {
        this(false, "");
    }

    /**
     * Creates the executor.
     *
     * @param execWithSudo whether privileged commands run through {@code sudo}
     * @param sudoUser the user for {@code sudo -u}, or empty for sudo's default (root)
     */
    public LocalCommandExecutor(boolean execWithSudo, String sudoUser) {
        Objects.requireNonNull(sudoUser, "sudoUser is null");
        if (!sudoUser.isEmpty() && (sudoUser.startsWith("-") || sudoUser.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("sudo-user must be a user name, got '" + sudoUser + "'");
        }
        this.execWithSudo = execWithSudo;
        this.sudoUser = sudoUser;
    }

    /**
     * The argument list actually executed for a command.
     *
     * @param command the command
     * @return its argv, prefixed with sudo when it applies
     */
    public List<String> argv(Command command) {
        if (!execWithSudo || !command.privileged()) {
            return command.argv();
        }
        List<String> argv = new ArrayList<>();
        argv.add("sudo");
        argv.add("-n");
        if (!sudoUser.isEmpty()) {
            argv.add("-u");
            argv.add(sudoUser);
        }
        if (!command.environment().isEmpty()) {
            // sudo resets the environment; ask it to keep the command's own variables (needs SETENV or
            // a matching env_keep in sudoers, otherwise sudo refuses clearly)
            argv.add("--preserve-env=" + String.join(",", new TreeSet<>(command.environment().keySet())));
        }
        argv.add("--");
        argv.addAll(command.argv());
        return List.copyOf(argv);
    }

    @Override
    public Process start(Command command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv(command));
        command.workDir().ifPresent(dir -> builder.directory(dir.toFile()));
        builder.environment().putAll(command.environment());
        builder.redirectInput(command.stdinFrom().map(file -> Redirect.from(file.toFile())).orElse(Redirect.PIPE));
        builder.redirectOutput(command.stdoutTo()
                .map(file -> command.appendStdout() ? Redirect.appendTo(file.toFile()) : Redirect.to(file.toFile()))
                .orElse(Redirect.PIPE));
        builder.redirectError(Redirect.PIPE);
        return builder.start();
    }

    @Override
    public String toString() {
        return "LocalCommandExecutor[sudo=" + execWithSudo + (sudoUser.isEmpty() ? "" : ", user=" + sudoUser) + "]";
    }
}

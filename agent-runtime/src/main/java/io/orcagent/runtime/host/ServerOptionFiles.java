package io.orcagent.runtime.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.orcagent.api.Command;
import io.orcagent.api.CommandFailedException;
import io.orcagent.api.CommandRunner;

/**
 * The MySQL server's option files, read with {@code my_print_defaults --mysqld} (which follows
 * {@code !include}/{@code !includedir} and reads the groups the server reads): how the agent learns
 * server settings while the server cannot be asked.
 */
public final class ServerOptionFiles {

    private static final String PROGRAM = "my_print_defaults";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private final Optional<Path> defaultsFile;

    /**
     * Creates it.
     *
     * @param runner runs {@code my_print_defaults}
     * @param defaultsFile the server's own option file when it runs with {@code --defaults-file}; empty
     *     for the standard ones ({@code /etc/my.cnf}, {@code /etc/mysql/my.cnf}, …)
     */
    public ServerOptionFiles(CommandRunner runner, Optional<Path> defaultsFile) {
        this.runner = Objects.requireNonNull(runner, "runner is null");
        this.defaultsFile = Objects.requireNonNull(defaultsFile, "defaultsFile is null");
    }

    /**
     * Reads the options now.
     *
     * @return the options
     * @throws IOException when {@code my_print_defaults} is missing or fails
     * @throws InterruptedException when interrupted
     */
    public MysqldOptions read() throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(PROGRAM));
        defaultsFile.ifPresent(file -> argv.add("--defaults-file=" + file));
        argv.add("--mysqld");
        try {
            String out = runner.runChecked(Command.of(argv).timeout(TIMEOUT)).stdout();
            return MysqldOptions.parse(out.lines().toList());
        } catch (CommandFailedException e) {
            throw new IOException("cannot read the MySQL server's option files with " + PROGRAM + ": " + e.getMessage(), e);
        }
    }

    /**
     * What the options are read from, for messages.
     *
     * @return e.g. {@code the option files} or {@code /etc/mysql/instance2.cnf}
     */
    public String describe() {
        return defaultsFile.map(Path::toString).orElse("the server's option files");
    }
}

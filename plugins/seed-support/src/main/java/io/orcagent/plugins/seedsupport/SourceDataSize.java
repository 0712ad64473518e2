package io.orcagent.plugins.seedsupport;

import io.orcagent.api.Command;
import io.orcagent.api.CommandResult;
import io.orcagent.api.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates how many bytes a logical dump of a server will have, as the sum of
 * {@code data_length + index_length} of its tables, asked through the MySQL command-line client. The
 * estimate only serves as a progress total; any failure yields "unknown".
 */
public final class SourceDataSize {

    private static final Logger LOG = LoggerFactory.getLogger(SourceDataSize.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String QUERY = "SELECT COALESCE(SUM(data_length + index_length), 0)"
            + " FROM information_schema.tables"
            + " WHERE table_schema NOT IN ('information_schema', 'performance_schema', 'sys')";

    private final CommandRunner commands;
    private final String client;

    /**
     * Creates the estimator.
     *
     * @param commands the stage's command runner
     * @param client the client program ({@code mariadb} or {@code mysql})
     */
    public SourceDataSize(CommandRunner commands, String client) {
        this.commands = Objects.requireNonNull(commands, "commands is null");
        this.client = Objects.requireNonNull(client, "client is null");
    }

    /**
     * Asks the server.
     *
     * @param optionFile an option file with the server's address and credentials
     * @return the estimated bytes, or -1 when unknown
     * @throws InterruptedException when interrupted
     */
    public long estimate(Path optionFile) throws InterruptedException {
        Command query = Command.of(client, "--defaults-extra-file=" + optionFile, "--batch", "--skip-column-names",
                "-e", QUERY).timeout(LIMIT);
        try {
            CommandResult result = commands.run(query);
            if (!result.succeeded()) {
                LOG.info("source size unknown: {} exited with {}", client, result.exitCode());
                return -1;
            }
            return Long.parseLong(result.stdout().strip());
        } catch (IOException | NumberFormatException e) {
            LOG.info("source size unknown: {}", e.toString());
            return -1;
        }
    }
}

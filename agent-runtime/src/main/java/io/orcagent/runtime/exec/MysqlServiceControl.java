package io.orcagent.runtime.exec;

import io.orcagent.api.CommandFailedException;
import io.orcagent.api.MysqlService;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Controls the local MySQL service with the operator's {@code service-start-command},
 * {@code service-stop-command} and {@code service-status-command}, run through {@link ShellCommand}.
 */
public final class MysqlServiceControl implements MysqlService {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlServiceControl.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    private static final int VALIDATION_SECONDS = 2;

    private final ShellCommand shell;
    private final String startCommand;
    private final String stopCommand;
    private final String statusCommand;
    private final DataSource dataSource;

    /**
     * Creates it.
     *
     * @param shell runs the operator's command lines
     * @param startCommand {@code service-start-command}
     * @param stopCommand {@code service-stop-command}
     * @param statusCommand {@code service-status-command} (exit 0 means running)
     * @param dataSource the local server, for {@link #awaitReachable}
     */
    public MysqlServiceControl(ShellCommand shell, String startCommand, String stopCommand, String statusCommand,
                               DataSource dataSource) {
        this.shell = Objects.requireNonNull(shell, "shell is null");
        this.startCommand = Objects.requireNonNull(startCommand, "startCommand is null");
        this.stopCommand = Objects.requireNonNull(stopCommand, "stopCommand is null");
        this.statusCommand = Objects.requireNonNull(statusCommand, "statusCommand is null");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void start() throws CommandFailedException, InterruptedException {
        LOG.info("starting MySQL with the service-start-command");
        shell.runChecked(startCommand);
    }

    @Override
    public void stop() throws CommandFailedException, InterruptedException {
        LOG.info("stopping MySQL with the service-stop-command");
        shell.runChecked(stopCommand);
    }

    @Override
    public boolean running() throws InterruptedException {
        try {
            return shell.run(statusCommand).exitCode() == 0;
        } catch (IOException e) {
            LOG.warn("service-status-command could not start: {}", e.toString());
            return false;
        }
    }

    @Override
    public boolean awaitReachable(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        SQLException last = null;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(VALIDATION_SECONDS)) {
                    return true;
                }
            } catch (SQLException e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("MySQL not reachable after {}: {}", timeout, last == null ? "connection not valid" : last.getMessage());
                return false;
            }
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}

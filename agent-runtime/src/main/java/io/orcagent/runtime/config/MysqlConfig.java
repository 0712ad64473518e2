package io.orcagent.runtime.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [mysql]} section: how the agent reaches and controls its local server.
 *
 * @param port {@code port}: the server's TCP port (default 3306)
 * @param user {@code user}: the account the agent uses (required)
 * @param password {@code password}: its password (required)
 * @param serviceStatusCommand {@code service-status-command}: exit status 0 means running
 *     (default {@code systemctl check mysqld})
 * @param serviceStartCommand {@code service-start-command} (default {@code systemctl start mysqld})
 * @param serviceStopCommand {@code service-stop-command} (default {@code systemctl stop mysqld})
 * @param host {@code host}: the address the agent connects to (default 127.0.0.1)
 * @param defaultsFile {@code defaults-file}: the server's option file when it runs with
 *     {@code --defaults-file}; empty for the standard option files
 */
public record MysqlConfig(
        int port,
        String user,
        Secret password,
        String serviceStatusCommand,
        String serviceStartCommand,
        String serviceStopCommand,
        String host,
        Optional<Path> defaultsFile) {

    /** Default {@code port}. */
    public static final int DEFAULT_PORT = 3306;

    /**
     * Checks for nulls.
     *
     * @param port port
     * @param user user
     * @param password password
     * @param serviceStatusCommand status command
     * @param serviceStartCommand start command
     * @param serviceStopCommand stop command
     * @param host host
     * @param defaultsFile the server's option file
     */
    public MysqlConfig {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(serviceStatusCommand, "serviceStatusCommand is null");
        Objects.requireNonNull(serviceStartCommand, "serviceStartCommand is null");
        Objects.requireNonNull(serviceStopCommand, "serviceStopCommand is null");
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(defaultsFile, "defaultsFile is null");
    }

    /**
     * The section with the standard option files.
     *
     * @param port port
     * @param user user
     * @param password password
     * @param serviceStatusCommand status command
     * @param serviceStartCommand start command
     * @param serviceStopCommand stop command
     * @param host host
     */
    public MysqlConfig(int port, String user, Secret password, String serviceStatusCommand,
                       String serviceStartCommand, String serviceStopCommand, String host) {
        this(port, user, password, serviceStatusCommand, serviceStartCommand, serviceStopCommand, host,
                Optional.empty());
    }
}
